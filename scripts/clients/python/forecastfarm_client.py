"""A client of `farm serve` (Forecast Farm's standing farm), in the Python standard library only.

    from forecastfarm_client import FarmClient
    farm = FarmClient(farm_dir="/srv/farm")          # or FarmClient(url=..., token=...)
    # an https:// farm (farm serve --tls-cert ...) with a self-signed certificate: FarmClient(..., cafile="farm.crt")
    job = farm.submit_forecast({"AAPL": [189.9, 191.2, ...]}, horizon=12, models=["ets", "theta"])
    farm.wait(job["id"])                             # polls until the job ended
    for row in farm.results(job["id"]):              # forecasts.csv's columns, one dict per (id, model, step)
        print(row["unique_id"], row["ds"], row["model"], row["forecast"])

Every call raises FarmError with the server's message (and the field it names) when the server refuses it.
"""

import json
import os
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request


class FarmError(Exception):
    """The server refused a request: `status` is the HTTP status, `field` the field it names (or None)."""

    def __init__(self, status, message, field=None):
        super().__init__(f"{status}: {message}" + (f" (field {field})" if field else ""))
        self.status = status
        self.field = field


class FarmClient:
    def __init__(self, url=None, token=None, farm_dir=None, timeout_s=30.0, cafile=None):
        """Either url and token, or the farm dir a `farm serve` runs on (its serve.url and api-token).

        An https:// URL is checked against the system's certificate authorities, or against cafile (a PEM file of the
        certificates to trust, such as a self-signed --tls-cert of the server)."""
        if farm_dir is not None:
            with open(os.path.join(farm_dir, "serve.url")) as f:
                url = url or f.read().strip()
            with open(os.path.join(farm_dir, "api-token")) as f:
                token = token or f.read().strip()
        if not url or not token:
            raise ValueError("give url and token, or farm_dir of a running farm serve")
        self.url = url.rstrip("/")
        self.token = token
        self.timeout_s = timeout_s
        if cafile is not None and not self.url.startswith("https://"):
            raise ValueError(f"cafile is for an https:// farm; {self.url} is not one")
        self._tls = ssl.create_default_context(cafile=cafile) if self.url.startswith("https://") else None

    def _open(self, request):
        return urllib.request.urlopen(request, timeout=self.timeout_s, context=self._tls)

    def _call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self._open(request) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                detail = json.loads(payload)
                raise FarmError(error.code, detail.get("error", ""), detail.get("field")) from None
            except ValueError:
                raise FarmError(error.code, payload.decode("utf-8", "replace")) from None

    def health(self):
        request = urllib.request.Request(self.url + "/v1/health")
        with self._open(request) as response:
            return json.loads(response.read())

    def submit_forecast(self, series, horizon, models, levels=(80, 95), season_length=None, idempotency_key=None):
        """series: {id: [y, ...]} or {id: {"y": [...], "ds": [...]}}. Returns the job (its "id", "state", ...)."""
        body = {"type": "forecast", "horizon": horizon, "models": list(models), "levels": list(levels),
                "series": self._series(series)}
        if season_length is not None:
            body["season_length"] = season_length
        return self._submit(body, idempotency_key)

    def submit_forecast_input(self, path, horizon, models, levels=(80, 95), season_length=None,
                              idempotency_key=None, **input_options):
        """A file on the server (under its --allow-dir) instead of inline series. input_options: those of
        `farm forecast` as fields: format, id_col, time_col, value_col, time_zone, time_format."""
        body = {"type": "forecast", "horizon": horizon, "models": list(models), "levels": list(levels),
                "input": str(path)}
        body.update(input_options)
        if season_length is not None:
            body["season_length"] = season_length
        return self._submit(body, idempotency_key)

    def submit_cv(self, series, horizon, windows, models, step=1, input_size=None, levels=(80, 95),
                  season_length=None, idempotency_key=None):
        """Cross-validation (as `farm cv`): series as submit_forecast's; every model refitted on each of the windows
        rolling origins. results(job) gives cv.csv's rows, results(job, table="metrics") cv_metrics.csv's."""
        body = {"type": "cv", "horizon": horizon, "windows": windows, "step": step, "models": list(models),
                "levels": list(levels), "series": self._series(series)}
        if input_size is not None:
            body["input_size"] = input_size
        if season_length is not None:
            body["season_length"] = season_length
        return self._submit(body, idempotency_key)

    @staticmethod
    def _series(series):
        items = []
        for sid, values in series.items():
            item = {"id": sid}
            item.update(values if isinstance(values, dict) else {"y": list(values)})
            items.append(item)
        return items

    def submit_tasks(self, kind, tasks, idempotency_key=None):
        """tasks: {key: args}. Returns the job."""
        body = {"type": "tasks", "kind": kind, "tasks": [{"key": k, "args": a} for k, a in tasks.items()]}
        return self._submit(body, idempotency_key)

    def _submit(self, body, idempotency_key):
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return json.loads(self._call("POST", "/v1/jobs", body, headers)[1])

    def job(self, job_id):
        return json.loads(self._call("GET", "/v1/jobs/" + job_id)[1])

    def jobs(self):
        return json.loads(self._call("GET", "/v1/jobs")[1])["jobs"]

    def wait(self, job_id, poll_s=0.05, timeout_s=3600.0):
        """Polls until the job ended; returns it."""
        deadline = time.monotonic() + timeout_s
        while True:
            job = self.job(job_id)
            if job["state"] not in ("queued", "running"):
                return job
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id} still {job['state']} after {timeout_s} s")
            time.sleep(poll_s)

    def results(self, job_id, table=None):
        """The job's results so far, one dict per NDJSON line (table="metrics": a cv job's metrics)."""
        query = "?table=" + urllib.parse.quote(table) if table else ""
        _, payload = self._call("GET", "/v1/jobs/" + job_id + "/results" + query)
        return [json.loads(line) for line in payload.decode("utf-8").splitlines() if line]

    def cancel(self, job_id):
        """Cancels the job (its running tasks finish) and deletes it with its results."""
        self._call("DELETE", "/v1/jobs/" + job_id)
