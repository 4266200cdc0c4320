"""The report PDF signed PAdES B-B, with a visible signature in the NĐ 30 place: the
space above the signer's name. The stamp names the signer, the agency and the signing
time in Vietnam time (+07:00), drawn in the bundled Liberation Serif (pyHanko's
default Courier has no Vietnamese letters)."""

from __future__ import annotations

import asyncio
import io
import logging
import string
import tempfile
import unicodedata
from datetime import datetime
from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes
from pyhanko.stamp import TextStampStyle

from desktop.documents import fonts
from desktop.documents.pdf import MM, SignatureBox
from desktop.domain.model import VIETNAM_TZ
from desktop.signing.trial_ca import TRIAL_MARK

logging.getLogger("fontTools").setLevel(logging.ERROR)  # 'FFTM NOT subset' on stderr

FIELD = "ChuKySo1"
STAMP_WIDTH, STAMP_HEIGHT = 85 * MM, 24 * MM
IMAGE_SHARE = 0.42  # of the stamp's width, for the signature and seal images


def stamp_lines(signer: str, agency: str, moment: datetime, trial: bool) -> list[str]:
    """The stamp's text; the signing time in Vietnam time as a reader writes it
    ('06/12/2026 23:10'), the exact instant being in the signature itself."""
    when = moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
    lines = [f"Ký bởi: {signer}", f"Cơ quan: {agency}", "Thời gian ký:", when]
    if trial:
        lines.append(f"{TRIAL_MARK} - không có giá trị pháp lý")
    return lines


def _stamp_box(box: SignatureBox) -> tuple[int, int, int, int]:
    """The stamp centred in the signature space."""
    left = box.x + (box.width - STAMP_WIDTH) / 2
    bottom = box.y + (box.height - STAMP_HEIGHT) / 2
    return round(left), round(bottom), round(left + STAMP_WIDTH), round(bottom + STAMP_HEIGHT)


def _vietnamese_letters() -> str:
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    lower = {unicodedata.normalize("NFC", v + t) for v in vowels for t in tones} | {"đ"}
    return "".join(sorted(lower | {c.upper() for c in lower}))


# What a stamp is written in: cut once, not per signature (a tenth of a second each).
STAMP_LETTERS = string.printable + _vietnamese_letters() + "–—…«»→"


@cache
def _stamp_font(extra: frozenset[str]) -> bytes:
    """Liberation Serif cut to the stamp's letters, at 1000 units per em: pyHanko writes
    glyph widths in font units where PDF wants thousandths of an em, so the font's own
    2048 would space every letter twice as wide as it is."""
    font = TTFont(str(fonts.font_path(fonts.REGULAR)))
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=STAMP_LETTERS + "".join(sorted(extra)))
    subsetter.subset(font)
    scale_upem(font, 1000)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def stamp_background(signature: bytes | None, seal: bytes | None) -> PdfImage | None:
    """The signature image with the seal over its left third (NĐ 30's electronic
    appearance), in the left part of a transparent canvas the shape of the stamp (the
    text takes the right part); None without either image."""
    if signature is None and seal is None:
        return None
    height = 300  # pixels: 24 mm at about 300 dpi
    canvas = Image.new("RGBA", (round(height * STAMP_WIDTH / STAMP_HEIGHT), height))
    room = round(canvas.width * IMAGE_SHARE)
    if signature is not None:
        mark = _fitted(signature, room * 3 // 4, height)
        canvas.alpha_composite(mark, (room - mark.width, (height - mark.height) // 2))
    if seal is not None:  # centred on the signature's left third
        mark = _fitted(seal, height, height)
        left = room // 4 + room * 3 // 4 // 6 - mark.width // 2
        canvas.alpha_composite(mark, (max(0, left), (height - mark.height) // 2))
    return PdfImage(canvas)


def _fitted(png: bytes, width: int, height: int) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    image.thumbnail((width, height))
    return image


def sign_pdf(
    content: bytes,
    signer: signers.Signer,
    box: SignatureBox,
    lines: list[str],
    moment: datetime,
    background: PdfImage | None = None,
) -> bytes:
    """`content` signed (PAdES B-B) by `signer` at `moment`, its stamp in `box`, over
    `background` (stamp_background) when there is one."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=lines[0].removeprefix("Ký bởi: "),
    )
    text = "\n".join(lines)
    with tempfile.TemporaryDirectory(prefix="sokh-stamp-") as folder:
        path = Path(folder) / "stamp.ttf"  # pyHanko reads its font from a file
        path.write_bytes(_stamp_font(frozenset(text) - frozenset(STAMP_LETTERS)))
        font = GlyphAccumulatorFactory(str(path), font_size=10)
        # Beside the images when there are some, else centred.
        beside = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=round(STAMP_WIDTH * IMAGE_SHARE) + 4, right=2),
        )
        style = TextStampStyle(
            stamp_text=text,
            text_box_style=TextBoxStyle(font=font, font_size=10),  # the same size: pyHanko#733
            border_width=0 if background else 1,
            background=background,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
            inner_content_layout=beside if background else None,
        )
        spec = fields.SigFieldSpec(FIELD, on_page=box.page, box=_stamp_box(box))
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        return asyncio.run(_sign(pdf_signer, writer, moment.astimezone(VIETNAM_TZ)))


async def _sign(pdf_signer: signers.PdfSigner, writer, moment: datetime) -> bytes:
    """PdfSigner.async_sign_pdf, with the signing time ours (Vietnam time) rather than
    the machine's clock and time zone."""
    session = pdf_signer.init_signing_session(writer)
    session.system_time = moment
    validation = await session.perform_presign_validation(writer)
    reserved = await session.estimate_signature_container_size(validation)
    document = session.prepare_tbs_document(validation_info=validation, bytes_reserved=reserved)
    output = io.BytesIO()
    digest, _ = document.digest_tbs_document(output=output)
    finished = await document.perform_signature(
        document_digest=digest.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=moment),
    )
    await finished.post_signature_processing(output)
    return output.getvalue()
