#!/usr/bin/env python3
"""Loopback load generator for Herald's Stripe endpoint.

Sends freshly signed, unique Stripe events over persistent HTTP/1.1
connections for a fixed time and prints events/s and latency percentiles.
Only ever targets 127.0.0.1.
"""
import argparse
import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid

counter = itertools.count()


def signed_request(secret: str, port: int) -> bytes:
    event_id = f"evt_bench_{uuid.uuid4().hex[:16]}_{next(counter)}"
    body = json.dumps({
        "id": event_id, "object": "event", "type": "payment_intent.succeeded", "created": int(time.time()),
        "livemode": False, "data": {"object": {"id": "pi_bench", "object": "payment_intent", "amount": 1999, "currency": "usd"}},
    }, separators=(",", ":")).encode()
    t = int(time.time())
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    head = (
        f"POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Stripe-Signature: t={t},v1={mac}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    length = 0
    for line in lines[1:]:
        if line.lower().startswith("content-length:"):
            length = int(line.split(":", 1)[1])
    if length:
        await reader.readexactly(length)
    return status


async def worker(port: int, secret: str, deadline: float, latencies: list, errors: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            request = signed_request(secret, port)
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def run(port: int, secret: str, connections: int, seconds: float) -> None:
    latencies: list = []
    errors: list = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(worker(port, secret, deadline, latencies, errors) for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

    print(f"  connections={connections:<3} events={len(latencies):<7} events/s={len(latencies) / elapsed:9.1f} "
          f"p50={pct(0.50):7.2f} ms  p99={pct(0.99):7.2f} ms  non-200={len(errors)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    asyncio.run(run(args.port, args.secret, args.connections, args.seconds))


if __name__ == "__main__":
    main()
