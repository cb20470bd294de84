"""Money as integer minor units: one parser, one formatter, one allocator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor-unit exponents for the currencies our shops use; 2 is the default.
_EXPONENTS: dict[str, int] = {"AED": 2, "INR": 2, "PKR": 2, "SAR": 2, "OMR": 3, "KWD": 3, "BHD": 3}
# Currencies whose amounts are grouped the South Asian way (1,00,000).
_LAKH_GROUPED = {"INR", "PKR", "NPR", "BDT"}


class MoneyError(ValueError):
    """An amount that cannot be money."""


def exponent(currency: str) -> int:
    """Number of minor-unit digits of a currency."""
    return _EXPONENTS.get(currency.upper(), 2)


def round_half_up(value: Decimal) -> int:
    """Round a Decimal to the nearest integer, halves away from zero."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_minor(amount: Decimal | str | int, currency: str) -> int:
    """Convert a major-unit amount ('40', '6.50') to minor units, rounding half up."""
    if isinstance(amount, float):  # a float here is always a bug upstream
        raise MoneyError("money must not pass through a float")
    try:
        value = Decimal(str(amount).replace(",", "").strip())
    except InvalidOperation as exc:
        raise MoneyError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise MoneyError(f"not an amount: {amount!r}")
    return round_half_up(value.scaleb(exponent(currency)))


def to_major(minor: int, currency: str) -> Decimal:
    """Minor units back to an exact major-unit Decimal."""
    return Decimal(minor).scaleb(-exponent(currency))


def group_digits(digits: str, currency: str) -> str:
    """Insert thousands separators, lakh-style for South Asian currencies."""
    if currency.upper() not in _LAKH_GROUPED or len(digits) <= 3:
        return f"{int(digits):,}" if digits else digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return ",".join([*pairs, tail])


def format_amount(minor: int, currency: str, *, symbol: bool = True, trim: bool = False) -> str:
    """Format minor units for people: 'AED 1,234.50', '₹1,00,000.00'; trim drops '.00'."""
    exp = exponent(currency)
    sign = "-" if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10**exp)
    text = group_digits(str(whole), currency)
    if exp and not (trim and frac == 0):
        text += "." + str(frac).zfill(exp)
    if not symbol:
        return sign + text
    if currency.upper() == "INR":
        return f"{sign}₹{text}"
    return f"{sign}{currency.upper()} {text}"


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split total into parts proportional to weights that always add up to total."""
    if not weights:
        raise MoneyError("cannot allocate over no weights")
    if any(w < 0 for w in weights):
        raise MoneyError("weights must not be negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        parts = [0] * len(weights)
        parts[0] = total
        return parts
    parts = [total * w // weight_sum for w in weights]
    remainder = total - sum(parts)
    # Hand out what is left to the largest fractional remainders, first come first served.
    order = sorted(range(len(weights)), key=lambda i: -((total * weights[i]) % weight_sum))
    for i in order[:remainder]:
        parts[i] += 1
    return parts


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of one currency in integer minor units."""

    minor: int
    currency: str

    def __str__(self) -> str:
        return format_amount(self.minor, self.currency)

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise MoneyError(f"cannot mix {self.currency} and {other.currency}")
