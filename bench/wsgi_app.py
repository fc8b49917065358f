"""The portal's WSGI application as the benchmarks serve it: unchanged, except that every response
carries the one-off token of the gunicorn the benchmark started (BENCH_SERVER_TOKEN), so the benchmark
can check that the server answering on its port is its own."""

import os

from kvalifikacija.wsgi import application as portal

TOKEN = os.environ["BENCH_SERVER_TOKEN"]


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Bench-Server", TOKEN)], exc_info)

    return portal(environ, start)
