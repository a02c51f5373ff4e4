"""Two-factor authentication with TOTP (RFC 6238) through PyOTP: enrol, verify, refuse a replay."""

import time

import pyotp


# --8<-- [start:totp]
class TwoFactor:
    """One user's TOTP state; in an application the secret is stored encrypted."""

    def __init__(self, secret: str) -> None:
        self.totp = pyotp.TOTP(secret)
        self.last_used_step = -1

    @classmethod
    def enrol(cls) -> "TwoFactor":
        return cls(pyotp.random_base32())  # 160 random bits, shown once as a QR code

    def provisioning_uri(self, email: str) -> str:
        return self.totp.provisioning_uri(name=email, issuer_name="BizCard")

    def verify(self, code: str, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        # One 30-second step of clock drift either way, and never the same step twice.
        for drift in (-1, 0, 1):
            at = now + drift * self.totp.interval
            step = int(at // self.totp.interval)
            if step > self.last_used_step and self.totp.verify(code, for_time=at):
                self.last_used_step = step
                return True
        return False
# --8<-- [end:totp]


# --8<-- [start:checks]
now = 1_767_225_600.0  # a fixed instant keeps the run reproducible
user = TwoFactor.enrol()
assert user.provisioning_uri("ada@example.com").startswith("otpauth://totp/BizCard:ada%40example.com")

code = user.totp.at(now)
assert user.verify(code, now)
assert not user.verify(code, now)  # the same code again is a replay: refused

late = TwoFactor(user.totp.secret)
assert late.verify(user.totp.at(now - 30), now)  # the phone's clock 30 s behind: accepted
far = TwoFactor(user.totp.secret)
assert not far.verify(user.totp.at(now - 120), now)  # four steps old: refused
assert not far.verify("12345", now)  # a guess of the wrong shape: refused
# --8<-- [end:checks]
