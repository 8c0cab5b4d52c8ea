"""Mixed read load for `make bench` (locust, headless): each simulated user holds one logged-in
session (administrator or convener, from BENCH_SESSIONS) or none (the public pages) and asks
for that role's pages in random order with no pause, so the figure is what the server
sustains. Anything but a 200 counts as an error. FastHttpUser (geventhttpclient) rather than
HttpUser (requests): on two shared cores the load generator competes with the server, and
requests' own cost per call held the floor view to a third of what gunicorn serves."""

import json
import os
import random

from locust import FastHttpUser, task

SESSIONS = json.loads(os.environ.get("BENCH_SESSIONS", "[]"))


class Reader(FastHttpUser):
    def on_start(self):
        self.session = SESSIONS[random.randrange(len(SESSIONS))]
        if self.session["cookie"]:
            self.cookie = {"Cookie": f"sessionid={self.session['cookie']}"}
        else:
            self.cookie = {}

    @task
    def read(self):
        path = random.choice(self.session["paths"])
        # A redirect (to the login or the second factor) is not the page: count it as an error.
        with self.client.get(
            path,
            name=path.split("?")[0].rstrip("0123456789/") or "/",
            headers=self.cookie,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
