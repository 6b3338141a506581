"""A small asyncio load generator: N users, each on its own keep-alive connection, sending
one kind of request again and again for a fixed time, bounded in count and time, loopback
only. Latency is measured per request from send to the last byte of the body."""

import asyncio
import statistics
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {
            "requests": len(self.latencies_ms),
            "p50": self.percentile(50),
            "p95": self.percentile(95),
            "p99": self.percentile(99),
            "mean": statistics.fmean(self.latencies_ms) if self.latencies_ms else float("nan"),
            "rps": self.rps,
            "errors": self.errors,
            "statuses": dict(sorted(self.statuses.items())),
        }


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked, close = None, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status if not close else -status


def _encode(request: Request, host: str) -> bytes:
    head = [f"{request.method} {request.path} HTTP/1.1", f"Host: {host}"]
    head += [f"{k}: {v}" for k, v in request.headers.items()]
    if request.body or request.method == "POST":
        head.append(f"Content-Length: {len(request.body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + request.body


async def _user(host, port, make_request, deadline, max_requests, result: Result):
    reader = writer = None
    sent = 0
    while time.monotonic() < deadline and sent < max_requests:
        request = make_request()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(_encode(request, f"{host}:{port}"))
            await writer.drain()
            status = await _read_response(reader)
            elapsed = (time.perf_counter() - started) * 1000
        except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            writer = None
            continue
        sent += 1
        if status < 0:  # the server closed the connection after this response
            status = -status
            writer.close()
            writer = None
        result.latencies_ms.append(elapsed)
        result.statuses[status] = result.statuses.get(status, 0) + 1
    if writer is not None:
        writer.close()


def run_load(
    host: str,
    port: int,
    make_request,
    *,
    users: int,
    seconds: float,
    max_requests_per_user: int = 100_000,
) -> Result:
    """`make_request(user_index)` gives each user's next request."""
    result = Result()

    async def main():
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        await asyncio.gather(
            *(
                _user(
                    host,
                    port,
                    (lambda i=i: make_request(i)),
                    deadline,
                    max_requests_per_user,
                    result,
                )
                for i in range(users)
            )
        )
        result.seconds = time.monotonic() - started

    # A loop of its own in a thread of its own: the caller may already run an event loop
    # (a test session with Playwright's, for one).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, main()).result()
    return result


def form_body(fields) -> bytes:
    return urllib.parse.urlencode(fields, doseq=True).encode()
