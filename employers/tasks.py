"""Background work of the employers app: ids and primitives in, one service call."""

from __future__ import annotations

from celery import shared_task

from employers.services import vacancies_close_expired


@shared_task(name="employers.tasks.close_expired_vacancies")
def close_expired_vacancies() -> int:
    return vacancies_close_expired()
