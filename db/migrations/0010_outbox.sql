-- Where each package went: to a USB stick (after reading the copy back) or into an
-- email draft. With the packages table this is the outbox: what was sent, when, how.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    package_uid TEXT NOT NULL REFERENCES packages(uid) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('usb', 'eml')),
    destination TEXT NOT NULL,                  -- the copy's path, or the address
    sha256 TEXT NOT NULL,                       -- as read back (usb) or attached (eml)
    delivered_at TEXT NOT NULL
);
CREATE INDEX deliveries_package ON deliveries(package_uid);
