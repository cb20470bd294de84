"""The books of a shop: tables, services and read models. Knows nothing of chat."""

from . import versions  # noqa: F401  (registers the catalog version bump)
from .catalog import (
    add_party,
    add_product,
    find_party,
    find_product,
    parties,
    parties_by_phone,
    products,
)
from .db import FORGET_WAL, Database, sqlite_url
from .documents import invoice_view, invoices_of_party
from .errors import (
    AlreadyVoid,
    CatalogFileError,
    InsufficientStock,
    InvalidInput,
    LedgerError,
    NotFound,
    NothingToUndo,
)
from .expenses import CATEGORIES, record_expense
from .loader import LoadedShop, load_catalog, read_catalog
from .money import Money, allocate, format_amount, to_major, to_minor
from .names import NameRequest, ask_for_name, name_requests, person_name, settle_name
from .payments import PaymentResult, record_payment
from .phones import calling_code, normalize_phone
from .profit import ProfitReport, profit_report
from .reports import (
    DuesReport,
    ExpenseLine,
    ExpensesReport,
    SalesReport,
    StockLine,
    dues_report,
    expenses_report,
    sales_report,
    stock_report,
    stock_value,
)
from .sales import SaleItem, SaleResult, invoice_by_number, sell, void_by_number, void_invoice
from .shop import (
    add_member,
    create_business,
    get_business,
    member_and_shop,
    members_by_phone,
    owners,
)
from .stock import ReceiveItem, StockResult, adjust_stock, receive_stock, set_price
from .undo import Undone, is_undone, undo_last
from .views import (
    BusinessView,
    InvoiceLineView,
    InvoiceView,
    MemberView,
    PartyView,
    ProductView,
    TaxLineView,
)

__all__ = [
    "CATEGORIES",
    "FORGET_WAL",
    "AlreadyVoid",
    "BusinessView",
    "CatalogFileError",
    "Database",
    "DuesReport",
    "ExpenseLine",
    "ExpensesReport",
    "InsufficientStock",
    "InvalidInput",
    "InvoiceLineView",
    "InvoiceView",
    "LedgerError",
    "LoadedShop",
    "MemberView",
    "Money",
    "NameRequest",
    "NotFound",
    "NothingToUndo",
    "PartyView",
    "PaymentResult",
    "ProductView",
    "ProfitReport",
    "ReceiveItem",
    "SaleItem",
    "SaleResult",
    "SalesReport",
    "StockLine",
    "StockResult",
    "TaxLineView",
    "Undone",
    "add_member",
    "add_party",
    "add_product",
    "adjust_stock",
    "allocate",
    "ask_for_name",
    "calling_code",
    "create_business",
    "dues_report",
    "expenses_report",
    "find_party",
    "find_product",
    "format_amount",
    "get_business",
    "invoice_by_number",
    "invoice_view",
    "invoices_of_party",
    "is_undone",
    "load_catalog",
    "member_and_shop",
    "members_by_phone",
    "name_requests",
    "normalize_phone",
    "owners",
    "parties",
    "parties_by_phone",
    "person_name",
    "products",
    "profit_report",
    "read_catalog",
    "receive_stock",
    "record_expense",
    "record_payment",
    "sales_report",
    "sell",
    "set_price",
    "settle_name",
    "sqlite_url",
    "stock_report",
    "stock_value",
    "to_major",
    "to_minor",
    "undo_last",
    "void_by_number",
    "void_invoice",
]
