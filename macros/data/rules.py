"""Every rule the data check can report, with a stable ID and a one-line description.

Each problem the loader, the schema or the cross-file validator emits names its rule
(`Problem.rule`); editors never see the ID, the message stays `file:line:col: path: message`.
`tests/test_rule_registry.py` makes sure every rule here has a golden invalid fixture in
`tests/fixtures/invalid/` (or says why it cannot have one), that every emitted problem names a
registered rule, and that no rule here is unused.
"""

from __future__ import annotations

# rule ID -> one-line description
REGISTRY: dict[str, str] = {}
# rule ID -> why no fixture overlay on tests/fixtures/valid can trigger it
NO_FIXTURE: dict[str, str] = {}


def _rule(rule_id: str, description: str, *, no_fixture: str = "") -> str:
    assert rule_id not in REGISTRY, rule_id
    REGISTRY[rule_id] = description
    if no_fixture:
        NO_FIXTURE[rule_id] = no_fixture
    return rule_id


# Reading a file (editor_files, dataset)
FILE_MISSING = _rule(
    "file-missing",
    "a required data file is missing",
    no_fixture="an overlay can only add files, not remove one (tests/test_dataset.py)",
)
FILE_UNREADABLE = _rule(
    "file-unreadable",
    "a folder, dangling symlink, symlink loop or unreadable file where a data file belongs",
    no_fixture="folders, symlinks and permissions are not overlays (tests/test_editor_mistakes.py)",
)
NOT_UTF8 = _rule("not-utf8", "the file is not saved as UTF-8")
CONTROL_CHARACTER = _rule("control-character", "an invisible control character in the file")

# YAML (loader)
YAML_SYNTAX = _rule("yaml-syntax", "the file is no valid YAML")
UNCLOSED_QUOTE = _rule("unclosed-quote", "a quoted text is not closed")
TAB_INDENTATION = _rule("tab-indentation", "a tab character used for indentation")
NESTING_TOO_DEEP = _rule("nesting-too-deep", "nesting deeper than any data file needs")
YAML_ANCHOR_ALIAS = _rule("yaml-anchor-alias", "YAML anchors and aliases (& and *) are refused")
YAML_TAG = _rule("yaml-tag", "explicit YAML tags (!!python/…, !!set, !tag) are refused")
DECIMAL_COMMA = _rule("decimal-comma", "a number with a decimal comma inside { }")
KEY_NOT_TEXT = _rule("key-not-text", "a mapping key that is empty, a list or a mapping")
DUPLICATE_KEY = _rule("duplicate-key", "a key written twice in the same mapping")

# Shape of one file (schema, specs, dataset)
WRONG_TOP_LEVEL_KEY = _rule("wrong-top-level-key", "a collection file needs exactly its one top-level key")
EMPTY_GERMAN_FILE = _rule("empty-german-file", "the German texts or labels file is empty")
WRONG_TYPE = _rule("wrong-type", "a value of the wrong type (text, number, list, mapping, …)")
UNQUOTED_NUMBER = _rule(
    "unquoted-number", "a number where text belongs, e.g. a measure number without quotes"
)
EMPTY_TEXT = _rule("empty-text", "a text field that is empty or only spaces")
TEMPLATE_SYNTAX = _rule("template-syntax", "template syntax ({{ }}, {% %}, {# #}) in a data text")
HTML_IN_TEXT = _rule("html-in-text", "HTML in a data text")
MALFORMED_ID = _rule("malformed-id", "an ID that is not lower-case letters, digits and single hyphens")
MALFORMED_LANGUAGE_CODE = _rule("malformed-language-code", "a language code that is no ISO 639-1 code")
NUMBER_TOO_SMALL = _rule("number-too-small", "a whole number below its minimum (e.g. page 0)")
QUOTED_DATE = _rule("quoted-date", "a date in quotes, read as text")
INVALID_DATE = _rule("invalid-date", "a date that is not a real YYYY-MM-DD date")
FUTURE_DATE = _rule("future-date", "a status date in the future")
NOTE_KEY_NOT_DATE = _rule("note-key-not-date", "a note key that is not a YYYY-MM-DD date")
UNKNOWN_VALUE = _rule("unknown-value", "a value outside its fixed list (kind, unit, dir)")
LIST_TOO_SHORT = _rule("list-too-short", "a list with fewer entries than it needs (indicator values)")
DUPLICATE_IN_LIST = _rule("duplicate-in-list", "the same item twice in a list (lead, partners, themes, …)")
UNKNOWN_KEY = _rule("unknown-key", "a key the file's shape does not know")
MISSING_REQUIRED = _rule("missing-required", "a required key is missing")
EMPTY_VALUE = _rule("empty-value", "a key without a value where none is allowed")

# Across files (validate)
DUPLICATE_ID = _rule("duplicate-id", "an ID used twice, within or across files and collections")
UNKNOWN_STATUS = _rule("unknown-status", "a history status that is not in statuses.yml")
UNKNOWN_FIELD = _rule("unknown-field", "a goal's field that is not in fields.yml")
UNKNOWN_GOAL = _rule("unknown-goal", "a measure's goal that is not in goals.yml")
UNKNOWN_ACTOR = _rule("unknown-actor", "a lead or partner that is not in actors.yml")
UNKNOWN_INDICATOR = _rule("unknown-indicator", "a measure's indicator that is not in indicators.yml")
UNKNOWN_THEME = _rule("unknown-theme", "a measure's theme that is not in themes.yml")
UNKNOWN_SOURCE = _rule("unknown-source", "an indicator value's source that is not in sources.yml")
# Collection a reference points into -> its rule (see specs.Ref).
UNKNOWN_REFERENCE: dict[str, str] = {
    "statuses": UNKNOWN_STATUS,
    "fields": UNKNOWN_FIELD,
    "goals": UNKNOWN_GOAL,
    "actors": UNKNOWN_ACTOR,
    "indicators": UNKNOWN_INDICATOR,
    "themes": UNKNOWN_THEME,
    "sources": UNKNOWN_SOURCE,
}
NUMBER_COLLISION = _rule("number-collision", "a field, goal, measure or theme number given twice")
MALFORMED_MEASURE_NUMBER = _rule("malformed-measure-number", "a measure number not of the form goal.measure")
MEASURE_GOAL_MISMATCH = _rule(
    "measure-goal-number-mismatch", "a measure number that does not start with its goal's number"
)
VOTE_RANK_COLLISION = _rule("vote-rank-collision", "a vote rank given twice in one field")
DECLARED_COUNT_EXCEEDED = _rule("declared-count-exceeded", "more goals or measures than the field declares")
NO_REPORT_STATUS_MISSING = _rule(
    "no-report-status-missing", "the status for measures without history is missing"
)
HISTORY_OUT_OF_ORDER = _rule("history-out-of-order", "history entries not ordered from old to new")
HISTORY_DUPLICATE_DATE = _rule("history-duplicate-date", "two history entries with the same date")
HISTORY_FIRST_WITHOUT_STATUS = _rule("history-first-without-status", "the first history entry has no status")
HISTORY_NO_REPORT_STATUS = _rule("history-no-report-status", "the 'no report' status written into a history")
NOTE_WITHOUT_GERMAN_TEXT = _rule("note-without-german-text", "a history note without German text")
NOTE_FOR_UNKNOWN_DATE = _rule("note-for-unknown-date", "a note for a date the history does not have")
TRANSLATED_NOTE_NOT_IN_GERMAN = _rule(
    "translated-note-not-in-german", "a translated note whose date the German notes do not have"
)
TEXT_FOR_UNKNOWN_ID = _rule("text-for-unknown-id", "a text for an ID that no collection has")
MISSING_GERMAN_TEXT = _rule("missing-german-text", "a German text the site needs is missing")
TRANSLATED_KEY_NOT_IN_GERMAN = _rule(
    "translated-key-not-in-german", "a translation has a text key the German entry does not have"
)
LABELS_NOT_MAPPING = _rule("labels-not-mapping", "a labels file that is not 'key: text' lines")
LABEL_INVALID_KEY = _rule("label-invalid-key", "a label key with characters other than a–z, 0–9 and _")
LABEL_DATE_PATTERN = _rule("label-date-pattern", "a date_pattern label that is no usable CLDR pattern")
LABEL_STRAY_BRACES = _rule("label-stray-braces", "a lone { or } in a label")
LABEL_UNKNOWN_PLACEHOLDER = _rule("label-unknown-placeholder", "a {placeholder} the code does not fill in")
LABEL_UNKNOWN_KEY = _rule("label-unknown-key", "a translated label key the German labels do not have")
LABEL_PLACEHOLDER_MISMATCH = _rule(
    "label-placeholder-mismatch", "a translated label with other placeholders than the German"
)
MISSING_GERMAN_LABEL = _rule("missing-german-label", "a German label the site uses is missing")
UNKNOWN_LANGUAGE_FOLDER = _rule(
    "unknown-language-folder", "a folder in data/i18n/ for a language not configured"
)
