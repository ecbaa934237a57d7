"""Names and the password of the accounts the bench scripts create (bench database only)."""

PASSWORD = "bench-only-password-2026"  # noqa: S105 - lives only in the throwaway bench database
LOAD_PREFIX = "load"  # load001, load002, ... with six weeks of history each
SHORT_PREFIX = "bench6w"  # six weeks of history, from tracking's demo data
LONG_PREFIX = "bench5y"  # five years of history
STEP_PREFIX = "benchstep"  # two weeks of history and a session running
START_PREFIX = "benchstart"  # a session on its first screen, for the page-weight check


def username(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"
