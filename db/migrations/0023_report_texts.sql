-- The clerk's own words in a period's report, one row per part (kết quả đạt được, ưu
-- điểm, hạn chế, nguyên nhân, khó khăn, đề xuất, phương hướng). A part with no row is
-- printed as drafted from the data. draft_digest is the digest of that draft when the
-- clerk wrote: a draft that differs now means the data changed after the text was
-- written. Locked with the period, as the figures are.
CREATE TABLE report_texts (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL,
    section TEXT NOT NULL CHECK (section IN ('ket_qua', 'uu_diem', 'han_che',
        'nguyen_nhan', 'kho_khan', 'de_xuat', 'phuong_huong')),
    text TEXT NOT NULL,
    draft_digest TEXT NOT NULL,
    written_at TEXT NOT NULL,
    UNIQUE (plan_id, period_id, section)
);

CREATE TRIGGER lock_report_texts_insert BEFORE INSERT ON report_texts
WHEN EXISTS (
    SELECT 1 FROM period_locks l
    WHERE l.plan_id = NEW.plan_id AND l.period_id = NEW.period_id AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_report_texts_update BEFORE UPDATE ON report_texts
WHEN EXISTS (
    SELECT 1 FROM period_locks l
    WHERE l.plan_id IN (OLD.plan_id, NEW.plan_id) AND l.period_id IN (OLD.period_id, NEW.period_id)
      AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_report_texts_delete BEFORE DELETE ON report_texts
WHEN EXISTS (
    SELECT 1 FROM period_locks l
    WHERE l.plan_id = OLD.plan_id AND l.period_id = OLD.period_id AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;
