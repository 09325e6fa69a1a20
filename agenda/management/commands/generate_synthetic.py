import time

from django.core.management.base import BaseCommand, CommandError

from agenda.synthetic import Scale, generate
from meetings.models import Body


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic bodies for benchmarks (agenda.synthetic): per body, "
        "YEARS x SESSIONS_PER_YEAR sessions of ITEMS items, SITTINGS sittings and DOCUMENTS "
        "documents, in English and Chinese. Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        defaults = Scale()
        for name in ("bodies", "years", "sessions_per_year", "items", "sittings", "documents"):
            parser.add_argument(
                f"--{name.replace('_', '-')}", type=int, default=getattr(defaults, name)
            )
        parser.add_argument("--first-year", type=int, default=defaults.first_year)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--prefix", default=defaults.prefix, help="slugs of the bodies: <prefix>-1, …"
        )

    def handle(self, **options):
        scale = Scale(**{k: options[k] for k in Scale.__dataclass_fields__})
        counts = [scale.bodies, scale.years, scale.sessions_per_year, scale.items]
        if min(counts) < 1 or min(scale.sittings, scale.documents) < 0:
            raise CommandError("Counts must be positive (sittings and documents may be 0).")
        if Body.objects.filter(slug__startswith=f"{scale.prefix}-").exists():
            raise CommandError(f"Bodies “{scale.prefix}-…” exist already; choose another --prefix.")
        start = time.perf_counter()
        bodies = generate(scale)
        sessions = scale.bodies * scale.years * scale.sessions_per_year
        self.stderr.write(
            f"Generated {len(bodies)} bodies, {sessions} sessions, {sessions * scale.items} "
            f"items, {sessions * scale.sittings} sittings, {sessions * scale.documents} "
            f"documents in {time.perf_counter() - start:.1f} s"
        )
