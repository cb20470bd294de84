"""One pydantic model per intent of INTENTS.md, and the `Intent` union over them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from intents.slots import (
    INTERNAL,
    MAX_AMOUNT,
    MAX_QTY,
    Category,
    ExportFormat,
    ExportWhat,
    Frozen,
    GroupBy,
    ItemSlot,
    Method,
    Paid,
    PartyKind,
    PartyRef,
    Period,
    ProductRef,
    Reason,
    StockItemSlot,
)


class IntentBase(Frozen):
    """Common behaviour of every intent."""

    def to_contract(self) -> dict[str, Any]:
        """Return `{"intent": ..., "slots": {...}}` exactly as INTENTS.md predicts."""
        return {"intent": getattr(self, "intent"), "slots": self.contract_fields()}  # noqa: B009


class RecordSale(IntentBase):
    """Sold items, perhaps to a party, perhaps paid."""

    intent: Literal["record_sale"] = "record_sale"
    items: tuple[ItemSlot, ...] = Field(min_length=1)
    party: PartyRef | None = None
    paid: Paid | None = None
    method: Method | None = None
    date: dt.date | None = None
    note: str | None = None


class AddStock(IntentBase):
    """Received items into stock, perhaps from a supplier."""

    intent: Literal["add_stock"] = "add_stock"
    items: tuple[StockItemSlot, ...] = Field(min_length=1)
    party: PartyRef | None = None
    paid: Paid | None = None
    method: Method | None = None
    note: str | None = None


class AdjustStock(IntentBase):
    """A stock correction: a signed change or a counted level."""

    intent: Literal["adjust_stock"] = "adjust_stock"
    product: ProductRef
    qty: Decimal | None = Field(default=None, ge=-MAX_QTY, le=MAX_QTY)
    set_to: Decimal | None = Field(default=None, ge=-MAX_QTY, le=MAX_QTY)
    reason: Reason | None = None

    @model_validator(mode="after")
    def _one_of(self) -> AdjustStock:
        if (self.qty is None) == (self.set_to is None):
            raise ValueError("give exactly one of qty or set_to")
        return self


class AddProduct(IntentBase):
    """A new product for the catalog."""

    intent: Literal["add_product"] = "add_product"
    product: str = Field(min_length=1, max_length=120)
    unit_price: Decimal | None = Field(default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    unit: str | None = Field(default=None, max_length=20)


class SetPrice(IntentBase):
    """A new selling price for a product."""

    intent: Literal["set_price"] = "set_price"
    product: ProductRef
    unit_price: Decimal = Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)


class RecordPayment(IntentBase):
    """Money received from a customer (`in`) or paid to a supplier (`out`)."""

    intent: Literal["record_payment"] = "record_payment"
    party: PartyRef
    amount: Decimal = Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    direction: Literal["in", "out"]
    method: Method | None = None


class RecordExpense(IntentBase):
    """Money spent on running the shop."""

    intent: Literal["record_expense"] = "record_expense"
    amount: Decimal = Field(ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    category: Category
    note: str | None = None


class SendInvoice(IntentBase):
    """Send an invoice (the last one or a numbered one), perhaps to a party."""

    intent: Literal["send_invoice"] = "send_invoice"
    party: PartyRef | None = None
    invoice: str | None = None


class QuerySales(IntentBase):
    """A sales report question."""

    intent: Literal["query_sales"] = "query_sales"
    period: Period = "today"
    product: ProductRef | None = None
    party: PartyRef | None = None
    group_by: GroupBy | None = None
    chart: bool = False


class QueryExpenses(IntentBase):
    """What was spent in a period, perhaps on one category."""

    intent: Literal["query_expenses"] = "query_expenses"
    period: Period = "today"
    category: Category | None = None


class QueryProfit(IntentBase):
    """Sales less their cost and the expenses, over a period."""

    intent: Literal["query_profit"] = "query_profit"
    period: Period = "today"


class QueryStock(IntentBase):
    """A stock level question, about one product or what is running low."""

    intent: Literal["query_stock"] = "query_stock"
    product: ProductRef | None = None
    low: bool = False


class QueryDues(IntentBase):
    """Who owes what (one party, the sender, or everyone)."""

    intent: Literal["query_dues"] = "query_dues"
    party: PartyRef | None = None


class AddStaff(IntentBase):
    """Add a staff member by phone number."""

    intent: Literal["add_staff"] = "add_staff"
    phone: str = Field(pattern=r"^\+?\d{7,15}$")
    name: str | None = None
    role: Literal["staff"] | None = None


class AddParty(IntentBase):
    """A new customer or supplier, perhaps with a phone number."""

    intent: Literal["add_party"] = "add_party"
    party: PartyRef
    phone: str | None = Field(default=None, pattern=r"^\+?\d{7,15}$")
    kind: PartyKind | None = None


class VoidInvoice(IntentBase):
    """Cancel an invoice: a numbered one, or `last`."""

    intent: Literal["void_invoice"] = "void_invoice"
    invoice: str = Field(min_length=1, max_length=32)


class Amend(IntentBase):
    """A correction of the last entry (or of a numbered invoice): what changes."""

    intent: Literal["amend"] = "amend"
    invoice: str | None = Field(default=None, max_length=32)
    product: ProductRef | None = None
    qty: Decimal | None = Field(default=None, ge=-MAX_QTY, le=MAX_QTY)
    unit_price: Decimal | None = Field(default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    amount: Decimal | None = Field(default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT)
    party: PartyRef | None = None
    # "it was on credit, not paid": the payment status corrected (the rule engine fills it;
    # not in the contract, not asked of the model).
    paid: Literal["full", "credit"] | None = Field(default=None, json_schema_extra=INTERNAL)
    # "4 not 3", "3 nahi 4": the figure being replaced, which the entry must have (the rule
    # engine fills it; not in the contract).
    was: Decimal | None = Field(
        default=None, ge=-MAX_AMOUNT, le=MAX_AMOUNT, json_schema_extra=INTERNAL
    )


class SendStatement(IntentBase):
    """A party's statement of account (the sender's own, for a customer)."""

    intent: Literal["send_statement"] = "send_statement"
    party: PartyRef | None = None
    period: Period | None = None


class ExportBooks(IntentBase):
    """The accountant's export of a period's records."""

    intent: Literal["export_books"] = "export_books"
    period: Period | None = None
    format: ExportFormat | None = None
    what: ExportWhat | None = None


class TaxReport(IntentBase):
    """The VAT or GST return figures of a period."""

    intent: Literal["tax_report"] = "tax_report"
    period: Period = "this_month"


class Undo(IntentBase):
    """Void the last entry."""

    intent: Literal["undo"] = "undo"


class Confirm(IntentBase):
    """Yes to a pending question."""

    intent: Literal["confirm"] = "confirm"


class Cancel(IntentBase):
    """No to a pending question."""

    intent: Literal["cancel"] = "cancel"


class OptOut(IntentBase):
    """Stop business-initiated messages."""

    intent: Literal["opt_out"] = "opt_out"


class OptIn(IntentBase):
    """Start business-initiated messages again."""

    intent: Literal["opt_in"] = "opt_in"


class ExportData(IntentBase):
    """Send the sender's data as a bundle."""

    intent: Literal["export_data"] = "export_data"


class EraseData(IntentBase):
    """Erase the sender's data."""

    intent: Literal["erase_data"] = "erase_data"


class Help(IntentBase):
    """A greeting or a question about what the bot can do."""

    intent: Literal["help"] = "help"


class Unknown(IntentBase):
    """Not understood well enough to act; carries what was understood for a clarifying question."""

    intent: Literal["unknown"] = "unknown"
    hint: str | None = Field(default=None, json_schema_extra=INTERNAL)
    understood: dict[str, Any] = Field(default_factory=dict, json_schema_extra=INTERNAL)


Intent = Annotated[
    RecordSale
    | AddStock
    | AdjustStock
    | AddProduct
    | SetPrice
    | RecordPayment
    | RecordExpense
    | SendInvoice
    | QuerySales
    | QueryStock
    | QueryDues
    | QueryExpenses
    | QueryProfit
    | AddStaff
    | AddParty
    | VoidInvoice
    | Amend
    | SendStatement
    | ExportBooks
    | TaxReport
    | Undo
    | Confirm
    | Cancel
    | OptOut
    | OptIn
    | ExportData
    | EraseData
    | Help
    | Unknown,
    Field(discriminator="intent"),
]

INTENT_MODELS: tuple[type[IntentBase], ...] = (
    RecordSale,
    AddStock,
    AdjustStock,
    AddProduct,
    SetPrice,
    RecordPayment,
    RecordExpense,
    SendInvoice,
    QuerySales,
    QueryStock,
    QueryDues,
    QueryExpenses,
    QueryProfit,
    AddStaff,
    AddParty,
    VoidInvoice,
    Amend,
    SendStatement,
    ExportBooks,
    TaxReport,
    Undo,
    Confirm,
    Cancel,
    OptOut,
    OptIn,
    ExportData,
    EraseData,
    Help,
    Unknown,
)
