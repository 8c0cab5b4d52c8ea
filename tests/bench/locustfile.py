"""Mixed read load for `make bench` (locust, headless): each simulated user holds one logged-in
session (administrator or convener, from BENCH_SESSIONS) and asks for that role's pages in
random order with no pause, so the figure is what the server sustains."""

import json
import os
import random

from locust import HttpUser, task

SESSIONS = json.loads(os.environ.get("BENCH_SESSIONS", "[]"))


class Reader(HttpUser):
    def on_start(self):
        self.session = SESSIONS[random.randrange(len(SESSIONS))]
        self.client.cookies.set("sessionid", self.session["cookie"])

    @task
    def read(self):
        path = random.choice(self.session["paths"])
        self.client.get(path, name=path.split("?")[0].rstrip("0123456789/") or "/")
