"""The issue's whole journey in Chromium, on the real demo data: from an online application to a sealed licence.

王建国 (demo citizen, L2) applies for 食品经营许可 of 龙岩市新罗区市场监督管理局 with an uploaded
photo; the window clerk asks for a correction (一次性告知补正); he corrects once; the clerk accepts,
the reviewer gives the review opinion, the department head approves; he downloads the electronic
licence, whose PAdES signature pyHanko validates, and its verification page (the QR code's URL)
says it is valid. He never went to the window: the case's visit count stays 0.
"""

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import segno
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from PIL import Image, ImageDraw
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader
from pypdf.generic import ContentStream

from govhall.cases.models import Case
from govhall.demo.accounts import DEMO_PASSWORD
from govhall.licences.verification import pdf_signature_check
from tests.staff_login import browser_log_in

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITIZEN_PHONE = "13805910003"  # 王建国, see govhall.demo.people
CITIZEN_PASSWORD = "Govhall-demo-2026"
DEPARTMENT = "龙岩市新罗区市场监督管理局"
CORRECTION_PROBLEM = "营业执照照片模糊，请重新拍摄清晰完整的原件照片"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def off_the_event_loop(function: Callable, *args: object) -> object:
    """``function(*args)`` in a worker thread with its own database connection.

    pyHanko's synchronous calls (sealing a PDF, validating a signature) start an asyncio loop of
    their own, which cannot happen in this thread: Playwright's sync API runs its loop here.
    """

    def work() -> object:
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


@pytest.fixture
def demo(settings) -> Iterator[str]:
    """A freshly loaded demo (fast password hashing: the demo sets a dozen passwords)."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    cache.clear()
    out = StringIO()
    off_the_event_loop(lambda: call_command("load_demo", stdout=out))
    yield out.getvalue()
    cache.clear()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[[], Page]]:
    """A page in a browser context of its own: another person at another desk, with their own cookies."""
    contexts = []

    def open_page(*, phone: bool = False) -> Page:
        options = (
            {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
            if phone
            else {"viewport": DESKTOP}
        )
        context = browser.new_context(locale="zh-CN", accept_downloads=True, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def photo(path: Path, text: str) -> Path:
    """A phone-camera-like PNG of a document."""
    image = Image.new("RGB", (1200, 900), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1160, 860), outline="red", width=8)
    draw.text((100, 100), text, fill="black")
    image.save(path, format="PNG")
    return path


def citizen_log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/")
    page.get_by_role("navigation", name="账号").get_by_role("link", name="登录").click()
    page.get_by_label("手机号码或身份证号码").fill(CITIZEN_PHONE)
    page.get_by_label("密码", exact=True).fill(CITIZEN_PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(f"{base}/account/")


def staff_log_in(page: Page, base: str, username: str) -> None:
    browser_log_in(page, base, username, DEMO_PASSWORD)


def action_form(page: Page, heading: str) -> Locator:
    """One of the case page's action forms, by its heading."""
    return page.locator("form").filter(has=page.get_by_role("heading", name=heading, exact=True))


def case_fact(page: Page, term: str) -> Locator:
    """The value of ``term`` in the portal case page's 办件信息."""
    facts = page.get_by_role("region", name="办件信息")
    return (
        facts.locator("div")
        .filter(has=page.get_by_role("term").filter(has_text=term))
        .get_by_role("definition")
    )


def status_badge(page: Page) -> Locator:
    """The status shown under the portal case page's title."""
    return page.get_by_test_id("case-status")


def shot(page: Page, name: str) -> None:
    """With ``GOVHALL_SCREENSHOTS=<dir>``, keep this page as ``<dir>/cases-<name>.png`` (the README's pictures)."""
    folder = os.environ.get("GOVHALL_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"cases-{name}.png"), full_page=True)


def open_case_from_inbox(page: Page, base: str, number: str) -> None:
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="待办").click()
    page.wait_for_url(re.compile(r"/workbench/cases/inbox/"))
    shot(page, "inbox")
    page.get_by_role("row").filter(has_text=number).get_by_role("link", name="办理").click()
    page.wait_for_url(f"{base}/workbench/cases/{number}/")


def test_apply_correct_once_approve_download_and_verify_the_licence(live_server, demo, new_page, tmp_path):
    base = live_server.url
    citizen = new_page(phone=True)  # the citizen uses his phone; staff work at desks

    # 1. The citizen logs in, finds 食品经营许可 of 新罗区, answers the scenario, fills the form,
    #    uploads the materials, chooses download delivery and submits.
    citizen_log_in(citizen, base)
    citizen.get_by_role("link", name="首页").first.click()
    citizen.get_by_role("searchbox", name="搜索办事事项").fill("食品经营许可")
    citizen.get_by_role("search").get_by_role("button", name="搜索").click()
    citizen.get_by_text("筛选条件", exact=True).click()  # folded on a phone
    citizen.get_by_label("办理地区").select_option(label="新罗区")
    citizen.get_by_role("button", name="筛选", exact=True).click()
    citizen.get_by_role("listitem").filter(has_text=f"实施部门：{DEPARTMENT}").get_by_role(
        "link", name="食品经营许可"
    ).first.click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("食品经营许可")
    citizen.get_by_role("link", name="在线办理").first.click()
    citizen.get_by_role("button", name="开始填写").click()

    expect(citizen.get_by_role("heading", name="选择情形")).to_be_visible()
    citizen.get_by_role("group", name="申请类型").get_by_label("首次申请").check()
    citizen.get_by_role("button", name="保存并下一步").click()

    expect(citizen.get_by_role("heading", name="食品经营许可申请表")).to_be_visible()
    expect(citizen.get_by_label("申请人（经办人）")).to_have_text("王建国")  # from the verified account
    expect(citizen.get_by_role("textbox", name="申请人（经办人）")).to_have_count(0)  # and not editable
    expect(citizen.get_by_label("原许可证编号")).to_have_count(0)  # not for a first application
    citizen.get_by_role("textbox", name="经营者名称", exact=True).fill("新罗区建国便利店")
    citizen.get_by_role("textbox", name="经营场所", exact=True).fill("福建省龙岩市新罗区西城街道中山路 88 号")
    citizen.get_by_role("textbox", name="经营场所面积（平方米）", exact=True).fill("60")
    citizen.get_by_role("combobox", name="主体业态", exact=True).select_option("食品销售经营者")
    citizen.get_by_role("combobox", name="经营项目", exact=True).select_option("预包装食品销售")
    citizen.get_by_role("button", name="保存并下一步").click()

    expect(citizen.get_by_role("heading", name="上传材料")).to_be_visible()
    slots = (
        citizen.get_by_role("region", name="上传材料")
        .get_by_role("listitem")
        .filter(has=citizen.get_by_role("heading", level=3))
        .filter(has=citizen.get_by_text("必须提交", exact=True))
    )
    required = slots.count()
    assert required >= 1
    names = [slots.nth(i).get_by_role("heading", level=3).inner_text() for i in range(required)]
    for index, name in enumerate(names):
        slot = citizen.get_by_role("listitem").filter(
            has=citizen.get_by_role("heading", name=name, exact=True)
        )
        # The first one is taken with the phone's camera, the others chosen from the album.
        picker = slot.get_by_label("拍照上传" if index == 0 else "选择文件")
        picker.set_input_files(photo(tmp_path / f"material-{index}.png", name))
        slot.get_by_role("button", name="上传").click()
        expect(
            citizen.get_by_role("listitem")
            .filter(has=citizen.get_by_role("heading", name=name, exact=True))
            .get_by_text("已提供 1 份")
        ).to_be_visible()
    shot(citizen, "apply-materials-phone")
    citizen.get_by_role("button", name="下一步", exact=True).click()

    expect(citizen.get_by_role("heading", name="确认提交")).to_be_visible()
    citizen.get_by_role("group", name="结果送达方式").get_by_label("网上下载").check()
    citizen.get_by_role("button", name="提交申请").click()
    citizen.wait_for_url(re.compile(r"/my/cases/[0-9A-Z-]+/$"))
    number = citizen.url.rstrip("/").rsplit("/", 1)[1]
    assert re.fullmatch(r"350802-\d{8}-\d{6}-[0-9A-Z]", number), number
    expect(case_fact(citizen, "办件编号")).to_have_text(number)
    expect(citizen.get_by_role("heading", level=1)).to_have_text("食品经营许可")
    expect(status_badge(citizen)).to_have_text("待受理")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # fits the phone

    # 2. The window clerk opens the case from the inbox and asks for a correction, once, listing the problem.
    clerk = new_page()
    staff_log_in(clerk, base, "xl_scjg_window")
    open_case_from_inbox(clerk, base, number)
    shot(clerk, "workbench-case")
    correction = action_form(clerk, "一次性告知补正")
    assert "营业执照" in names, names
    correction.get_by_role("checkbox", name=re.compile(r"^\d+\. 营业执照$")).check()
    correction.get_by_label("营业执照存在的问题").fill(CORRECTION_PROBLEM)
    correction.get_by_role("button", name="发出补正告知").click()
    expect(clerk.get_by_role("heading", level=1)).to_contain_text("待补正")
    expect(clerk.get_by_text("已发出补正告知，等待申请人一次性补正后再受理。")).to_be_visible()

    # 3. The citizen sees the notice (and an in-site message), corrects once; no second answer is offered.
    citizen.reload()
    account = citizen.get_by_role("navigation", name="账号")
    account.get_by_role("link", name=re.compile(r"^消息")).click()
    message = citizen.get_by_role("listitem").filter(has_text="请补正材料")
    expect(message).to_contain_text(f"办件{number}（食品经营许可）需要补正材料")
    message.get_by_role("link", name=re.compile("请补正材料")).click()
    citizen.wait_for_url(re.compile(rf"/my/cases/{number}/"))
    notice = citizen.get_by_role("region", name="需要补正材料")
    expect(status_badge(citizen)).to_have_text("待补正")
    to_correct = notice.get_by_role("listitem").filter(
        has=citizen.get_by_role("heading", name="营业执照", exact=True)
    )
    expect(to_correct).to_contain_text(f"需补正：{CORRECTION_PROBLEM}")
    expect(notice.get_by_role("listitem")).to_have_count(1)  # only what the clerk listed
    shot(citizen, "correction-phone")
    to_correct.get_by_label("选择文件").set_input_files(photo(tmp_path / "corrected.png", "清晰的营业执照"))
    notice.get_by_role("button", name="一次提交全部补正材料").click()
    expect(status_badge(citizen)).to_have_text("待受理")
    expect(citizen.get_by_role("region", name="需要补正材料")).to_have_count(0)
    expect(citizen.get_by_role("button", name="一次提交全部补正材料")).to_have_count(0)
    materials = citizen.get_by_role("region", name="申请材料")
    corrected = materials.get_by_role("listitem").filter(has_text="第 1 次补正")
    expect(corrected).to_contain_text("营业执照")
    expect(corrected.get_by_role("link", name="corrected.png")).to_be_visible()

    # 4. The clerk accepts; the reviewer gives the review opinion; the department head approves.
    clerk.reload()
    accept = action_form(clerk, "受理")
    accept.get_by_label("受理意见").fill("材料齐全，符合法定形式，予以受理")
    accept.get_by_role("button", name="受理", exact=True).click()
    expect(clerk.get_by_role("heading", level=1)).to_contain_text("审查中")

    reviewer = new_page()
    staff_log_in(reviewer, base, "xl_scjg_review")
    open_case_from_inbox(reviewer, base, number)
    opinion = action_form(reviewer, "审查意见")
    opinion.get_by_label("同意", exact=True).check()
    opinion.get_by_label("意见", exact=True).fill("经审查，经营场所与设施符合要求，建议准予许可")
    opinion.get_by_role("button", name="提交意见").click()
    expect(opinion).to_have_count(0)

    head = new_page()
    staff_log_in(head, base, "xl_scjg_head")
    open_case_from_inbox(head, base, number)
    decide = action_form(head, "作出决定")
    decide.get_by_label("准予许可").check()
    decide.get_by_label(re.compile("^决定意见")).fill("准予食品经营许可")
    decide.get_by_role("button", name="确认决定").click()
    expect(head.get_by_role("heading", level=1)).to_contain_text("已办结")
    expect(head.get_by_role("heading", level=1)).to_contain_text("准予许可")

    # 5. The citizen sees the result, downloads the licence and checks its seal; the QR page says valid.
    citizen.goto(f"{base}/my/cases/{number}/")
    expect(status_badge(citizen)).to_have_text("已办结：准予许可")
    result = citizen.get_by_role("region", name="办理结果")
    expect(result).to_contain_text("电子证照已签发")
    result.get_by_role("link", name=re.compile("我的证照")).click()
    citizen.wait_for_url(f"{base}/licences/wallet/")
    row = citizen.get_by_role("row").filter(has_text="食品经营许可证")
    expect(row.get_by_role("cell").filter(has_text="经营者名称")).to_contain_text(
        "经营者名称：新罗区建国便利店"
    )
    expect(row.get_by_text("有效", exact=True)).to_be_visible()
    with citizen.expect_download() as download_info:
        row.get_by_role("link", name="下载 PDF").click()
    pdf_path = tmp_path / "licence.pdf"
    download_info.value.save_as(pdf_path)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    check = off_the_event_loop(pdf_signature_check, pdf)
    assert check.ok and check.intact and check.trusted and check.whole_file, check.message
    off_the_event_loop(assert_pyhanko_validates, pdf)

    identifier = Case.objects.get(number=number).licence_identifier
    assert re.fullmatch(r"1\.2\.156\.3005\.2\.SPJYXKZ\.[0-9A-Z]{18}\.\d+\.\d{3}\.[0-9A-Z]", identifier), (
        identifier
    )
    qr_address = licence_qr_url(pdf)
    assert urlsplit(qr_address).path == f"/licences/verify/{identifier}/"
    citizen.goto(f"{base}{urlsplit(qr_address).path}")  # the QR's address, on this server
    expect(citizen.get_by_role("heading", level=1)).to_have_text("电子证照核验")
    expect(citizen.get_by_test_id("licence-state")).to_contain_text("有效 该证照当前有效。")
    # The page also checks the seal of the downloaded file.
    citizen.get_by_label("证照 PDF 文件").set_input_files(pdf_path)
    citizen.get_by_role("button", name="核验签章").click()
    signature = citizen.get_by_test_id("signature-result")
    expect(signature).to_contain_text("电子签章有效")
    expect(signature).to_contain_text("该文件与平台存档的证照文件完全一致")
    shot(citizen, "verify-phone")

    # 6. He never had to go to the window.
    assert Case.objects.get(number=number).visits == 0
    citizen.goto(f"{base}/my/cases/{number}/")
    expect(citizen.get_by_text("到现场 0 次").first).to_be_visible()
    expect(case_fact(citizen, "到现场次数")).to_have_text("到现场 0 次")


def licence_qr_url(pdf: bytes) -> str:
    """The address printed under the licence's QR code, after checking the QR code encodes exactly it.

    The QR code is drawn as vector squares (``licences.documents.QrCode``): the squares of the
    page's content stream must be the dark modules of that address's QR code.
    """
    reader = PdfReader(BytesIO(pdf))
    page = reader.pages[0]
    printed = re.sub(r"\s+", "", page.extract_text().split("核验本证照：", 1)[1])
    match = re.match(r"https?://[^/]+/licences/verify/[0-9A-Z.]+/", printed)
    assert match, printed
    url = match.group(0)

    squares = [
        tuple(float(value) for value in operands)
        for operands, operator in ContentStream(page.get_contents(), reader).operations
        if operator == b"re"
    ]
    module = Counter(round(w, 3) for _, _, w, h in squares if abs(w - h) < 1e-6).most_common(1)[0][0]
    matrix = segno.make(url, error="m").matrix
    size = module * (len(matrix) + 8)
    drawn = {
        (round((size - y) / module) - 5, round(x / module) - 4)
        for x, y, w, h in squares
        if round(w, 3) == module and round(h, 3) == module
    }
    expected = {(r, c) for r, row in enumerate(matrix) for c, dark in enumerate(row) if dark}
    assert drawn == expected, "the QR code does not encode the printed address"
    return url


def assert_pyhanko_validates(pdf: bytes) -> None:
    """pyHanko itself, against the platform's trust roots: one signature, intact, trusted, whole file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from govhall.licences.seals import trust_roots

    signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    status = validate_pdf_signature(
        signatures[0], signer_validation_context=ValidationContext(trust_roots=trust_roots())
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
