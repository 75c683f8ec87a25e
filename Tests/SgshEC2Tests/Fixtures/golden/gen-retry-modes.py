#!/usr/bin/env python3
"""Writes retry-legacy-classification.json and retry-adaptive-limiter.json
with the installed botocore as the reference (no network, fake clock).

Run from this folder: python3 gen-retry-modes.py
"""
import json
import random

import botocore
import botocore.loaders
import botocore.retryhandler
from botocore.exceptions import CapacityNotAvailableError, EndpointConnectionError
from botocore.retries import adaptive, bucket, throttling
from botocore.translate import build_retry_config


def legacy():
    loader = botocore.loaders.Loader()
    data = loader.load_data('_retry')
    config = build_retry_config('ec2', data['retry'], data.get('definitions', {}))
    handler = botocore.retryhandler.create_retry_handler(config)
    standard = json.load(open('retry-standard-classification.json'))
    pairs = [(c['http_status'], c['error_code']) for c in standard['cases']]
    pairs += [(509, None), (509, 'BandwidthLimitExceeded'), (400, None), (403, None), (400, 'ThrottledException'),
              (400, 'RequestThrottledException'), (400, 'ProvisionedThroughputExceededException'),
              (403, 'Throttling')]
    cases = []
    for status, code in pairs:
        body = {'Error': {'Code': code, 'Message': ''}} if code else {}
        response = (type('R', (), {'status_code': status})(), {**body, 'ResponseMetadata': {}})
        by_attempt = {}
        for attempt in range(1, 6):
            result = handler(attempts=attempt, response=response, caught_exception=None,
                             request_dict={'context': {}})
            by_attempt[str(attempt)] = result is not None
        cases.append({'http_status': status, 'error_code': code, 'retryable_by_attempt': by_attempt})
    connection = {}
    for attempt in range(1, 6):
        try:  # botocore re-raises an exception it does not retry
            result = handler(attempts=attempt, response=None,
                             caught_exception=EndpointConnectionError(endpoint_url='http://x'),
                             request_dict={'context': {}})
        except EndpointConnectionError:
            result = None
        connection[str(attempt)] = result is not None
    random.seed(0)
    return {
        'botocore': botocore.__version__,
        'max_attempts_default': config['__default__']['max_attempts'],
        'cases': cases,
        'connection_error_retryable_by_attempt': connection,
        'delay_with_random_one_by_attempt': {
            str(a): botocore.retryhandler.delay_exponential(1, 2, a) for a in range(1, 8)},
    }


class FakeClock:
    def __init__(self):
        self.t = 0.0

    def current_time(self):
        return self.t

    def sleep(self, amount):
        # A real sleep lasts at least a microsecond; without this floor botocore's
        # loop can wait 5e-17 s forever when the capacity is 0.9999999999999999.
        self.t += max(amount, 1e-6)


class Detector:
    def is_throttling_error(self, throttled, **kwargs):
        return throttled


def adaptive_trace(name, desired_interval, server_limit, duration):
    """A client that wants one request every `desired_interval` s against a server that
    throttles when more than `server_limit` requests came in the last second."""
    clock = FakeClock()
    token_bucket = bucket.TokenBucket(max_rate=1, clock=clock)
    limiter = adaptive.ClientRateLimiter(
        rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time()),
        rate_clocker=adaptive.RateClocker(clock), token_bucket=token_bucket,
        throttling_detector=Detector(), clock=clock)
    events, arrivals, next_send = [], [], 0.0
    while next_send < duration:
        clock.t = max(clock.t, next_send)
        start = clock.t
        if limiter._enabled:
            while True:
                try:
                    token_bucket.acquire(block=False)
                    break
                except CapacityNotAvailableError:
                    clock.sleep(token_bucket._sleep_amount(1))
        events.append({'kind': 'send', 't': start, 'wait': clock.t - start})
        arrivals = [a for a in arrivals if a > clock.t - 1.0] + [clock.t]
        throttled = len(arrivals) > server_limit
        clock.t += 0.01  # the answer comes 10 ms later
        limiter.on_receiving_response(throttled=throttled)
        events.append({
            'kind': 'answer', 't': clock.t, 'throttled': throttled,
            'measured': limiter._rate_clocker.measured_rate, 'allowed': token_bucket.max_rate,
            'enabled': limiter._enabled})
        next_send = start + desired_interval
    return {'name': name, 'events': events}


if __name__ == '__main__':
    with open('retry-legacy-classification.json', 'w') as f:
        json.dump(legacy(), f, indent=1, sort_keys=True)
        f.write('\n')
    traces = [
        adaptive_trace('never throttled', 0.2, 100, 10),
        adaptive_trace('20 per second against a limit of 5', 0.05, 5, 20),
        adaptive_trace('50 per second against a limit of 20', 0.02, 20, 15),
    ]
    with open('retry-adaptive-limiter.json', 'w') as f:
        json.dump({'botocore': botocore.__version__, 'traces': traces}, f, indent=1, sort_keys=True)
        f.write('\n')
