"""Quality and speed of the occupation search (taxonomy.search), on ESCO's own labels held out.

    python scripts/bench_occupation_search.py [--per-language 100] [--semantic-weight 0 0.3 ...]

Needs the full ESCO in the database (`python manage.py import_esco`). For each language, a seeded sample of
alternative labels that belong to exactly one occupation is removed from the index; each is then searched, and the
rank of its occupation gives MRR@10, hit@1 and hit@10. The index is rebuilt without the held-out labels, so a label
cannot find itself. Latency is measured over the same queries through search_occupations (index warm).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from taxonomy import search  # noqa: E402
from taxonomy.models import OccupationLabel  # noqa: E402

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "ro", "pl", "pt", "sv"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-language", type=int, default=100)
    parser.add_argument("--semantic-weight", type=float, nargs="*", default=[0.0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--semantic-gate",
        type=float,
        default=search.SEMANTIC_GATE,
        help="consult the sentence model only when the best lexical score is below this",
    )
    args = parser.parse_args()

    rows = list(OccupationLabel.objects.values_list("occupation_id", "normalized", "label", "language", "is_preferred"))
    owners: dict[str, set[int]] = defaultdict(set)
    for occ, normalized, _label, _lang, _pref in rows:
        owners[normalized].add(occ)
    rng = random.Random(args.seed)
    held: list[tuple[int, str, str]] = []
    for language in LANGUAGES:
        pool = sorted(
            {
                (occ, norm)
                for occ, norm, _l, lang, pref in rows
                if lang == language and not pref and len(owners[norm]) == 1 and len(norm) > 3
            }
        )
        for occ, norm in rng.sample(pool, min(args.per_language, len(pool))):
            held.append((occ, norm, language))
    held_keys = {(occ, norm) for occ, norm, _ in held}
    index = search.LabelIndex([row for row in rows if (row[0], row[1]) not in held_keys])
    print(f"held out {len(held)} labels in {len(LANGUAGES)} languages; index of {len(index.labels)} distinct labels")

    search.SEMANTIC_GATE = args.semantic_gate
    print(f"semantic gate {args.semantic_gate}")
    for weight in args.semantic_weight:
        search.SEMANTIC_WEIGHT = weight
        per_language: dict[str, list[float]] = defaultdict(list)
        hit1: dict[str, list[int]] = defaultdict(list)
        hit10: dict[str, list[int]] = defaultdict(list)
        timings = []
        for occ, norm, language in held:
            started = time.perf_counter()
            ranked = search._rank_concepts(index, search.expand_query(norm), language=None, limit=10)
            ranked = search._semantic_rerank(norm, ranked, 10)
            timings.append((time.perf_counter() - started) * 1000)
            ids = [cid for cid, _s, _l in ranked]
            rank = ids.index(occ) + 1 if occ in ids else None
            per_language[language].append(1 / rank if rank else 0.0)
            hit1[language].append(int(rank == 1))
            hit10[language].append(int(rank is not None))
        everything = [value for values in per_language.values() for value in values]
        print(
            f"\nsemantic weight {weight}: MRR@10 {statistics.mean(everything):.3f}, "
            f"hit@1 {statistics.mean([v for vs in hit1.values() for v in vs]):.3f}, "
            f"hit@10 {statistics.mean([v for vs in hit10.values() for v in vs]):.3f}, "
            f"ranking p50 {statistics.median(timings):.1f} ms, p95 {sorted(timings)[int(0.95 * len(timings))]:.1f} ms"
        )
        print("  " + "  ".join(f"{lang} {statistics.mean(per_language[lang]):.3f}" for lang in LANGUAGES))

    # End-to-end latency of the public function (index warm, database lookups included).
    search.search_occupations("warm up")
    samples = [
        "nurse",
        "RN",
        "hotel receptionist",
        "Java dev",
        "care worker for elderly",
        "infirmier",
        "Pflegefachkraft",
        "camarero",
        "lorry driver",
        "electricien",
    ]
    timings = []
    for _ in range(20):
        for text in samples:
            started = time.perf_counter()
            search.search_occupations(text, limit=10)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"\nsearch_occupations end to end over {len(timings)} calls: p50 {timings[len(timings) // 2]:.1f} ms, "
        f"p95 {timings[int(0.95 * len(timings))]:.1f} ms"
    )
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    timings = []
    for _ in range(20):
        for text in samples:
            cache.clear()  # the anonymous rate limit (120/min) would otherwise answer 429 to a benchmark
            started = time.perf_counter()
            response = client.get("/api/v1/occupations/", {"q": text})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    timings.sort()
    print(
        f"GET /api/v1/occupations/?q=… through Django (no network) over {len(timings)} calls: "
        f"p50 {timings[len(timings) // 2]:.1f} ms, p95 {timings[int(0.95 * len(timings))]:.1f} ms"
    )
    for text in samples:
        hits = search.search_occupations(text, limit=3)
        print(f"  {text!r:28} → " + "; ".join(f"{h.preferred_label} ({h.matched_label})" for h in hits))


if __name__ == "__main__":
    main()
