"""Checks the Python client and the web-backend example against a running `farm serve` (run by the farm's tests):
the app answers at once, the 30 stocks run on the farm, every stock's forecasts come back once, two concurrent
requests for the same stock with other horizons each get their own, and refusals come back as FarmError.

    python3 check_client.py FARM_DIR DATA_CSV
"""

import json
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer

from forecastfarm_client import FarmClient, FarmError
from web_backend_example import load_closes, make_app


def call(url, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def main(farm_dir, data):
    farm = FarmClient(farm_dir=farm_dir)
    assert farm.health()["status"] == "up"
    closes = load_closes(data)
    app = ThreadingHTTPServer(("127.0.0.1", 0), make_app(farm, closes))
    threading.Thread(target=app.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{app.server_address[1]}"

    symbols = list(closes)[:30]
    started = time.monotonic()
    status, answer = call(base + "/analyse", "POST", {"symbols": symbols, "horizon": 5})
    answered_s = time.monotonic() - started
    assert status == 202, answer
    status, other = call(base + "/analyse", "POST", {"symbols": symbols[:1], "horizon": 3})
    assert status == 202, other

    deadline = time.monotonic() + 120
    while True:
        _, page = call(base + "/analyse/" + answer["job"])
        if page["state"] != "running" and page["state"] != "queued":
            break
        assert time.monotonic() < deadline, page
        time.sleep(0.05)
    assert page["state"] == "succeeded", page
    rows = [r for r in page["forecasts"] if "forecast" in r]
    per_stock = {}
    for row in rows:
        per_stock[(row["unique_id"], row["model"])] = per_stock.get((row["unique_id"], row["model"]), 0) + 1
    assert set(s for s, _ in per_stock) == set(symbols), sorted(per_stock)
    assert all(count == 5 for count in per_stock.values()), per_stock

    small = farm.wait(other["job"])
    assert small["state"] == "succeeded", small
    steps = [r["step"] for r in farm.results(other["job"]) if r.get("model") == "ets"]
    assert steps == [1, 2, 3], steps

    # cross-validation: 2 windows of 3 steps on 3 stocks; a row per (stock, cutoff, model, step), metrics per model
    cv = farm.wait(farm.submit_cv({s: closes[s] for s in symbols[:3]}, horizon=3, windows=2, step=3,
                                  models=["naive", "theta"])["id"])
    assert cv["state"] == "succeeded" and cv["ok"] == 3, cv
    cv_rows = [r for r in farm.results(cv["id"]) if "forecast" in r]
    assert len(cv_rows) == 3 * 2 * 2 * 3, len(cv_rows)
    assert len({(r["unique_id"], r["cutoff"]) for r in cv_rows}) == 3 * 2, cv_rows[:2]
    metrics = farm.results(cv["id"], table="metrics")
    assert sorted((m["unique_id"], m["model"]) for m in metrics) == sorted(
        (s, m) for s in symbols[:3] for m in ("naive", "theta")), metrics
    assert all(m["windows"] == 2 and m["mase"] is not None for m in metrics), metrics

    try:
        farm.submit_forecast({"A": [1, 2, 3]}, horizon=0, models=["ets"])
        raise AssertionError("horizon 0 was accepted")
    except FarmError as error:
        assert error.status == 400 and error.field == "horizon", error
    print(f"ok: 30 stocks in job {answer['job']}, the app answered in {answered_s * 1000:.0f} ms")
    app.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
