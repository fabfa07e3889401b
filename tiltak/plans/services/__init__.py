"""Services: functions that change data. Views and commands call these, nothing else writes."""

from .exchange import (
    COLUMNS,
    ExchangeError,
    ExchangeRow,
    export_rounds,
    import_exchange,
    read_exchange,
    write_csv,
    write_xlsx,
)
from .importing import ImportFailed, ImportResult, import_plan_document

__all__ = [
    "COLUMNS",
    "ExchangeError",
    "ExchangeRow",
    "ImportFailed",
    "ImportResult",
    "export_rounds",
    "import_exchange",
    "import_plan_document",
    "read_exchange",
    "write_csv",
    "write_xlsx",
]
