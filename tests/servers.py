"""The real web servers the site ships configurations for, run on 127.0.0.1 for tests and bench.

nginx serves the built site with exactly the `server` block the build generated: only its
`listen` lines (TLS on 443 in production) are replaced by a plain loopback port, everything
else – headers, CSP, MIME types, caching, compression, error pages, the root folder – is the
shipped text. Apache checks the shipped `.htaccess` with `apache2 -t`, included in a
`<Directory>` block as `AllowOverride` would read it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
# Modules the shipped .htaccess needs (headers, MIME types, index file, <If>, ErrorDocument).
APACHE_NEEDS = ["mpm_event", "authz_core", "headers", "mime", "dir", "filter", "deflate"]

_LISTEN = re.compile(r"^\s*listen\s[^;]*;\s*$\n", re.M)
_HTTP2 = re.compile(r"^\s*http2\s+on;\s*$\n", re.M)


def local_server_block(block: str, port: int) -> str:
    """The shipped server block, listening on a plain loopback port instead of TLS on 443."""
    if not _LISTEN.search(block):
        raise ValueError("server block has no listen line")
    local = _HTTP2.sub("", _LISTEN.sub("", block))
    return local.replace("server {\n", f"server {{\n    listen 127.0.0.1:{port};\n", 1)


def _main_conf(prefix: Path, server_block: Path) -> str:
    # Run as root in CI: workers must read the test's private temp folders, so they stay root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}worker_processes 1;\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    access_log off;\n"
        f"    client_body_temp_path {prefix}/client;\n"
        f"    proxy_temp_path {prefix}/proxy;\n"
        f"    fastcgi_temp_path {prefix}/fastcgi;\n"
        f"    uwsgi_temp_path {prefix}/uwsgi;\n"
        f"    scgi_temp_path {prefix}/scgi;\n"
        f"    include {server_block};\n"
        "}\n"
    )


def nginx_test(server_block_text: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on the shipped server block as it is (TLS listen lines included)."""
    workdir.mkdir(parents=True, exist_ok=True)
    block = workdir / "server.conf"
    block.write_text(server_block_text, encoding="utf-8")
    main = workdir / "nginx.conf"
    main.write_text(_main_conf(workdir, block), encoding="utf-8")
    return subprocess.run(
        [NGINX, "-t", "-q", "-p", str(workdir), "-c", str(main), "-e", str(workdir / "error.log")],
        capture_output=True,
        text=True,
        timeout=60,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class NginxServer:
    """An nginx master process serving one built site on 127.0.0.1:port."""

    process: subprocess.Popen
    port: int
    workdir: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_nginx(server_block_text: str, workdir: Path, port: int | None = None) -> NginxServer:
    """Start nginx in the foreground (as a child process) with the shipped block on a local port."""
    port = port or free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    block = workdir / "server.conf"
    block.write_text(local_server_block(server_block_text, port), encoding="utf-8")
    main = workdir / "nginx.conf"
    main.write_text(_main_conf(workdir, block), encoding="utf-8")
    log = workdir / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-c", str(main), "-e", str(log), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx did not start:\n{process.stderr.read()}\n{_read(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return NginxServer(process, port, workdir)
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx did not answer on port {port}:\n{_read(log)}")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def apache_test(site_root: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    """`apache2 -t` with the shipped .htaccess read in the context AllowOverride gives it."""
    workdir.mkdir(parents=True, exist_ok=True)
    modules = "\n".join(
        f"LoadModule {name}_module {APACHE_MODULES / f'mod_{name}.so'}" for name in APACHE_NEEDS
    )
    conf = workdir / "httpd.conf"
    conf.write_text(
        f"ServerRoot {workdir}\n"
        f"{modules}\n"
        "ServerName localhost\n"
        f"Listen 127.0.0.1:{free_port()}\n"
        f"PidFile {workdir}/httpd.pid\n"
        f"ErrorLog {workdir}/error.log\n"
        f'DocumentRoot "{site_root}"\n'
        f'<Directory "{site_root}">\n'
        f'    Include "{site_root / ".htaccess"}"\n'
        "</Directory>\n",
        encoding="utf-8",
    )
    return subprocess.run([APACHE, "-t", "-f", str(conf)], capture_output=True, text=True, timeout=60)
