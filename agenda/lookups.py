"""``symbol_key__prefix``: a prefix match that an ordinary index serves on both databases.

PostgreSQL answers ``LIKE 'A/58/%'`` from the ``varchar_pattern_ops`` index Django adds to
every indexed CharField. SQLite's LIKE ignores case, so it can only use an index declared
NOCASE; its GLOB is case-sensitive and uses the plain index. The column holds the symbol in
capitals and the query is put in capitals too, so the match ignores case either way.
"""

from django.db.models.lookups import StartsWith

_GLOB_SPECIAL = str.maketrans({"*": "[*]", "?": "[?]", "[": "[[]"})


class Prefix(StartsWith):
    lookup_name = "prefix"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["startswith"] % rhs

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = str(self.rhs).translate(_GLOB_SPECIAL) + "*"
        return f"{lhs} GLOB %s", (*lhs_params, value)
