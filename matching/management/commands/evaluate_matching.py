from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load POOL.jsonl into the current database inside a transaction that is rolled back (unless --keep), rank every "
        "vacancy in QRELS.tsv with the full engine and with TF-IDF and embedding-only baselines, and report nDCG@10, "
        "MAP and ineligible candidates in any top 10."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pool")
        parser.add_argument("qrels")
        parser.add_argument("--keep", action="store_true", help="keep the imported pool instead of rolling back")
        parser.add_argument("--today", help="evaluation date YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("pool", "qrels"):
            if not Path(options[name]).is_file():
                raise CommandError(f"{options[name]}: no such file")
        today = dt.date.fromisoformat(options["today"]) if options["today"] else None
        result: dict = {}
        try:
            with transaction.atomic():
                result = self._evaluate(options, today)
                if not options["keep"]:
                    raise _Rollback
        except _Rollback:
            pass
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"pool: {result['candidates']} candidates, {result['vacancies']} vacancies judged")
        self.stdout.write(f"{'method':<16}{'nDCG@10':>9}{'MAP':>9}{'inelig@10':>11}")
        for method, figures in result["methods"].items():
            self.stdout.write(
                f"{method:<16}{figures['ndcg@10']:>9.4f}{figures['map']:>9.4f}{figures['ineligible_in_top10']:>11d}"
            )
        self.stdout.write(
            f"engine: eligible-by-rules in top 10 that the engine itself flags ineligible: {result['engine_flagged_ineligible_in_top10']}"
        )

    def _evaluate(self, options, today):
        from sklearn.feature_extraction.text import TfidfVectorizer

        from candidates.models import CandidateProfile
        from employers.models import Vacancy
        from matching.evaluation import average_precision, ineligible_in_top, ndcg_at, read_qrels
        from matching.interchange import import_pool
        from matching.pipeline import run_for_vacancy
        from matching.store import candidate_index, embed_objects, profile_texts, vacancy_texts, vector_for

        started = time.perf_counter()
        with open(options["pool"], encoding="utf-8") as fh:
            report = import_pool(fh, may_verify=True)
        if report.errors:
            raise CommandError("pool has errors: " + "; ".join(report.errors[:5]))
        qrels = read_qrels(Path(options["qrels"]).read_text(encoding="utf-8").splitlines())
        embed_objects(kind="candidate", ids=report.candidate_ids)
        embed_objects(kind="vacancy", ids=report.vacancy_ids)
        cand_ext = dict(CandidateProfile.objects.filter(id__in=report.candidate_ids).values_list("id", "external_id"))
        vacancies = {v.external_id: v for v in Vacancy.objects.filter(external_id__in=list(qrels))}
        missing = sorted(set(qrels) - set(vacancies))
        if missing:
            raise CommandError(f"qrels name vacancies not in the pool: {', '.join(missing[:5])}")
        cids = sorted(cand_ext)
        ctexts = profile_texts(cids)
        vtexts = vacancy_texts([v.id for v in vacancies.values()])
        tfidf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1).fit(
            [ctexts[c] for c in cids] + list(vtexts.values())
        )
        cmatrix = tfidf.transform([ctexts[c] for c in cids])
        index = candidate_index()
        n = len(cids)
        params = {"k_vector": n, "k_structured": n, "store_top": 100, "store_ineligible": 50}
        methods = {"engine": [], "tfidf": [], "embedding": []}
        flagged = 0
        for ext, vacancy in sorted(vacancies.items()):
            grades = qrels[ext]
            zero = {c for c, g in grades.items() if g == 0}
            _run, ranked = run_for_vacancy(vacancy_id=vacancy.id, trigger="command", parameters=params, today=today)
            engine_rank = [cand_ext[p.candidate_id] for p in ranked if p.eligible]
            flagged += sum(1 for p in ranked[:10] if not p.eligible)
            sims = (cmatrix @ tfidf.transform([vtexts[vacancy.id]]).T).toarray().ravel()
            tfidf_rank = [cand_ext[cids[i]] for i in np.lexsort((np.array(cids), -sims))]
            qv = vector_for("vacancy", vacancy.id)
            cos = index.similarity(qv, cids)
            emb_rank = [cand_ext[c] for c in sorted(cids, key=lambda c: (-cos.get(c, -1.0), c))]
            for name, ranking in (("engine", engine_rank), ("tfidf", tfidf_rank), ("embedding", emb_rank)):
                methods[name].append(
                    (ndcg_at(ranking, grades), average_precision(ranking, grades), ineligible_in_top(ranking, zero))
                )
        summary = {
            name: {
                "ndcg@10": round(float(np.mean([r[0] for r in rows])), 4),
                "map": round(float(np.mean([r[1] for r in rows])), 4),
                "ineligible_in_top10": int(sum(r[2] for r in rows)),
            }
            for name, rows in methods.items()
        }
        return {
            "candidates": len(cids),
            "vacancies": len(vacancies),
            "methods": summary,
            "engine_flagged_ineligible_in_top10": flagged,
            "seconds": round(time.perf_counter() - started, 1),
        }
