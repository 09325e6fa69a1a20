"""Path converters for the numbers in URLs, bounded by what the database can hold.

Django's ``int`` converter takes any run of digits: 99999999999999999999 reaches the database,
where SQLite raises OverflowError (above 2**63 - 1) and PostgreSQL refuses what its column
cannot hold (int4 for PositiveIntegerField, int8 for the primary keys). A number out of range
cannot name anything, so the address matches no pattern and the answer is a plain 404.
"""


class _Bounded:
    maximum: int

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > self.maximum:
            raise ValueError(f"{value} is out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


class NumberConverter(_Bounded):
    """Session, meeting and version numbers: a PositiveIntegerField (int4 on PostgreSQL)."""

    regex = "[0-9]{1,10}"
    maximum = 2**31 - 1


class PrimaryKeyConverter(_Bounded):
    """Primary keys: a BigAutoField (int8 on PostgreSQL, SQLite's 64-bit integers)."""

    regex = "[0-9]{1,19}"
    maximum = 2**63 - 1
