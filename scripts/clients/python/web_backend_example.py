"""The web-backend case, with a standing farm: a small HTTP app whose "batch analysis" endpoint hands the stocks to
`farm serve` and answers at once; the forecasts run in parallel on the farm's workers while the page polls.

    python3 web_backend_example.py --farm-dir /srv/farm --data scripts/sample/sp500_50.csv --port 8000
    curl -X POST localhost:8000/analyse -d '{"symbols": ["MMM", "AAPL"], "horizon": 5}'   # {"job": "job-..."}
    curl localhost:8000/analyse/job-...     # {"state": "running", "done": 12, "tasks": 30} then the forecasts

The app keeps no per-request analysis object: each request's stocks are one job of the farm, whose results are its
own (two requests that both ask for MMM, with other horizons, each get theirs).
"""

import argparse
import csv
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from forecastfarm_client import FarmClient, FarmError


def load_closes(path):
    closes = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            closes.setdefault(row["unique_id"], []).append(float(row["y"]))
    return closes


def make_app(farm, closes):
    class App(BaseHTTPRequestHandler):
        def _send(self, status, body):
            payload = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self):
            if self.path != "/analyse":
                return self._send(404, {"error": "no such endpoint"})
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            symbols = request.get("symbols") or list(closes)[:30]
            unknown = [s for s in symbols if s not in closes]
            if unknown:
                return self._send(400, {"error": "unknown symbols: " + ", ".join(unknown)})
            try:
                job = farm.submit_forecast({s: closes[s] for s in symbols}, horizon=int(request.get("horizon", 5)),
                                           models=request.get("models", ["ets", "theta"]), season_length=5)
            except FarmError as error:
                return self._send(502, {"error": str(error)})
            self._send(202, {"job": job["id"]})

        def do_GET(self):
            if not self.path.startswith("/analyse/"):
                return self._send(404, {"error": "no such endpoint"})
            job_id = self.path[len("/analyse/"):]
            try:
                job = farm.job(job_id)
            except FarmError as error:
                return self._send(error.status, {"error": str(error)})
            body = {"state": job["state"], "done": job["done"], "tasks": job["tasks"]}
            if job["state"] == "succeeded":
                body["forecasts"] = farm.results(job_id)
            self._send(200, body)

        def log_message(self, *args):
            pass

    return App


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--farm-dir", required=True)
    parser.add_argument("--data", required=True, help="a long CSV of closes: unique_id,ds,y")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", args.port),
                                 make_app(FarmClient(farm_dir=args.farm_dir), load_closes(args.data)))
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
