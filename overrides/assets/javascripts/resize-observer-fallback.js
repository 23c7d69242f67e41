/* KIK online – keeps very old browsers on this server.
 * Material's bundle loads a ResizeObserver polyfill from unpkg.com when a browser has none
 * (Safari before 13.1 and similar). No page may load anything from another host, so such
 * browsers get this small local stand-in instead: it reports element sizes on window resize,
 * which is all Material needs for its header and sidebars. Modern browsers skip it. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;

  function LocalResizeObserver(callback) {
    this.callback = callback;
    this.targets = [];
    this.onResize = this.notify.bind(this);
    window.addEventListener("resize", this.onResize);
  }
  LocalResizeObserver.prototype.observe = function (target) {
    if (this.targets.indexOf(target) === -1) this.targets.push(target);
    this.notify();
  };
  LocalResizeObserver.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (t) { return t !== target; });
  };
  LocalResizeObserver.prototype.disconnect = function () {
    this.targets = [];
    window.removeEventListener("resize", this.onResize);
  };
  LocalResizeObserver.prototype.notify = function () {
    var entries = this.targets.map(function (target) {
      return { target: target, contentRect: target.getBoundingClientRect() };
    });
    if (entries.length) this.callback(entries, this);
  };
  window.ResizeObserver = LocalResizeObserver;
})();
