#!/usr/bin/env python3
"""`ropa serve` in a real browser: headless Chromium driven by Selenium (Debian's chromium,
chromium-driver and python3-selenium), as a DPO reads the register: the dashboard, the
activities filtered, one activity, a past version chosen in the form, the exports; then, with
accounts, an editor who records an activity through the forms (a refusal shown beside its
field, the register unchanged), is refused the approval, and the DPO who approves it, reads
the register as of a tag, downloads an export and verifies it, and signs out. Screenshots
of each page at a laptop's and a phone's width are left in WORK_DIR/screens for a person to
look at. Exits 77 (CTest: skipped) only where the browser or its driver is not installed.

Usage: browser_test.py ROPA SOURCE_DIR WORK_DIR"""

import os
import shutil
import signal
import subprocess
import sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:
    print("skipped: python3-selenium is not installed (scripts/install-deps.sh installs it)")
    sys.exit(77)
if not (shutil.which("chromium") and shutil.which("chromedriver")):
    print("skipped: chromium and chromium-driver are not installed (scripts/install-deps.sh installs them)")
    sys.exit(77)

import json
import urllib.request

from serve_support import ServeTest, add_account

PASSWORD = "a long enough password"



test = ServeTest(sys.argv)
ropa, db, work, check = test.ropa, test.db, test.work, test.check
screens = os.path.join(work, "screens")
os.makedirs(screens)
test.ministry_register()
assert test.run("activity", "add", "A-LATER", "--name", "Recorded after the copy was sent", "-m", "later").returncode == 0

server = subprocess.Popen([ropa, "--db", db, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
browser = None
try:
    base = server.stdout.readline().split(" at ")[1].split(" ")[0].rstrip("/")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--user-data-dir=" + os.path.join(work, "profile")):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    browser.set_page_load_timeout(60)

    def shoot(name):
        for width, height, device in ((1366, 900, "laptop"), (390, 844, "phone")):
            browser.set_window_size(width, height)
            browser.save_screenshot(os.path.join(screens, "%s-%s.png" % (name, device)))
        # and the whole page at a laptop's width, to read it all
        browser.set_window_size(1366, 900)
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1366, min(max(height + 140, 900), 12000))
        browser.save_screenshot(os.path.join(screens, "%s-whole.png" % name))
        browser.set_window_size(1366, 900)

    browser.get(base + "/")
    check("Dashboard" in browser.title, "the dashboard opens: " + browser.title)
    check("of the Art. 30 items recorded" in browser.page_source, "the check's figures")
    shoot("dashboard")

    browser.find_element(By.LINK_TEXT, "Activities").click()
    check("Activities" in browser.title, "the navigation leads to the activities")
    search = browser.find_element(By.NAME, "q")
    search.send_keys("visa")
    search.submit()
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    check(len(rows) == 1 and "A-VISA" in rows[0].text, "the filter leaves the visa activity: %d rows" % len(rows))
    shoot("activities")

    browser.find_element(By.LINK_TEXT, "A-VISA").click()
    heading = browser.find_element(By.TAG_NAME, "h1").text
    check(heading.startswith("A-VISA"), "the activity's page: " + heading)
    for item in ("Purpose (Art. 30(1)(b))", "Recipients (Art. 30(1)(d))", "Transfers (Art. 30(1)(e))",
                 "Security measures (Art. 30(1)(g))", "Its history"):
        check(item in browser.page_source, "the activity shows " + item)
    shoot("activity")

    version = browser.find_element(By.NAME, "at")
    version.send_keys("sent")
    version.submit()
    check("Past version" in browser.page_source, "the version form reads the register as of the tag")
    browser.find_element(By.LINK_TEXT, "Activities").click()
    check("A-LATER" not in browser.page_source and "A-VISA" in browser.page_source,
          "the past version's activities, the version kept by the navigation")
    shoot("past-version")

    browser.find_element(By.LINK_TEXT, "Exports").click()
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a")]
    check(any("format=xlsx" in link and "at=sent" in link for link in links), "exports of the version shown")
    shoot("exports")
    browser.get(base + "/matrix")
    shoot("matrix")
    browser.get(base + "/log")
    check("sent" in browser.page_source, "the history shows the tag")
    shoot("history")
    logs = browser.get_log("browser") if hasattr(browser, "get_log") else []
    check(not [entry for entry in logs if "Content Security Policy" in entry.get("message", "")],
          "no page breaks its own Content-Security-Policy: %s" % logs)

    # --- with accounts: an editor records, the DPO approves ------------------------------
    for name, role in (("dora", "dpo"), ("erik", "editor")):
        assert add_account(test, name, role, PASSWORD).returncode == 0

    def wait_for(condition, seconds=30):
        """Until condition(browser) holds: a form's reply may take a moment (Argon2id, a write)."""
        from selenium.webdriver.support.ui import WebDriverWait
        try:
            WebDriverWait(browser, seconds).until(condition)
            return True
        except Exception:
            return False

    def sign_in(name):
        browser.get(base + "/")
        check("Sign in" in browser.title, "without a session, the sign-in page: " + browser.title)
        browser.find_element(By.NAME, "name").send_keys(name)
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        if not wait_for(lambda b: "Signed in as " in b.page_source):
            browser.save_screenshot(os.path.join(screens, "failed-sign-in-%s.png" % name))
            check(False, "signed in as %s: %s" % (name, browser.page_source[:3000]))

    def sign_out():
        browser.find_element(By.CSS_SELECTOR, "form.account button").click()
        check(wait_for(lambda b: "Sign in" in b.title), "signed out: " + browser.title)

    browser.get(base + "/")
    shoot("sign-in")
    sign_in("erik")
    browser.find_element(By.LINK_TEXT, "Activities").click()
    browser.find_element(By.LINK_TEXT, "Add an activity").click()
    check("Add" in browser.title, "the form to add an activity: " + browser.title)

    def fill_activity(code):
        field = browser.find_element(By.NAME, "code")
        field.clear()
        field.send_keys(code)
        name = browser.find_element(By.NAME, "f:name")
        name.clear()
        name.send_keys("Event invitations")
        for group, code_ in (("activity-purpose", "NEWS-P"), ("activity-basis", "art6-1-a"),
                             ("activity-category", "CONTACT"), ("activity-subject", "SUBSCRIBER")):
            box = browser.find_element(By.CSS_SELECTOR, "input[name='l:%s'][value='%s']" % (group, code_))
            if not box.is_selected():
                box.click()
        reason = browser.find_element(By.NAME, "reason")
        reason.clear()
        reason.send_keys("the events team sends invitations")
        old = browser.find_element(By.TAG_NAME, "html")
        browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]").click()
        wait_for(lambda b: old != b.find_element(By.TAG_NAME, "html"))

    def submit_and_wait(button):
        old = browser.find_element(By.TAG_NAME, "html")
        button.click()
        wait_for(lambda b: old != b.find_element(By.TAG_NAME, "html"))

    before = test.digest()
    fill_activity("A EVENTS")  # a reference with a space is none
    check("Nothing was written" in browser.page_source, "a bad reference is refused")
    beside = browser.find_elements(By.ID, "e-code")
    check(beside and "code" in beside[0].text, "the refusal is shown beside the reference")
    check(test.digest() == before, "the refused form left the register byte for byte as it was")
    check(browser.find_element(By.NAME, "f:name").get_attribute("value") == "Event invitations",
          "what was typed is kept")
    shoot("form-refused")
    fill_activity("A-EVENTS")
    check(browser.find_element(By.TAG_NAME, "h1").text.startswith("A-EVENTS"), "the new activity's page")
    check("Approve" not in [b.text for b in browser.find_elements(By.TAG_NAME, "button")], "an editor sees no Approve")
    # an editor who sets the status to active is refused: approval is the DPO's
    browser.find_element(By.LINK_TEXT, "Edit this activity and its links").click()
    before = test.digest()
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.NAME, "f:status")).select_by_visible_text("active")
    browser.find_element(By.NAME, "reason").send_keys("approve it myself")
    submit_and_wait(browser.find_element(By.CSS_SELECTOR, "form.record button[type=submit]"))
    check("Nothing was written" in browser.page_source and "DPO" in browser.page_source,
          "an editor's approval is refused")
    check(test.digest() == before, "the refused approval left the register as it was")
    shoot("editor-refused")
    sign_out()

    sign_in("dora")
    browser.get(base + "/activities/A-EVENTS")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/approve'] input[name=reason]").send_keys("reviewed with the team")
    submit_and_wait(browser.find_element(By.CSS_SELECTOR, "form[action$='/approve'] button"))
    check("dora" in browser.page_source and ">active<" in browser.page_source.replace("\n", ""),
          "the DPO approved it, and the approval names her")
    shoot("approved")
    newest = json.loads(test.run("log", "--json").stdout)[0]
    check(newest["actor"] == "dora" and newest["reason"] == "reviewed with the team", "the log: %s" % newest)

    # the register as of the tag, and an export of it downloaded with the session and verified
    browser.get(base + "/activities")
    version = browser.find_element(By.NAME, "at")
    version.send_keys("sent")
    version.submit()
    wait_for(lambda b: "Past version" in b.page_source)
    check("Past version" in browser.page_source and "A-EVENTS" not in browser.page_source, "read as of the tag")
    cookie = browser.get_cookie("ropa_session")
    request = urllib.request.Request(base + "/export?format=json&at=sent",
                                     headers={"Cookie": "ropa_session=" + cookie["value"]})
    with urllib.request.urlopen(request, timeout=60) as reply:
        exported = os.path.join(work, "downloaded.json")
        with open(exported, "wb") as f:
            f.write(reply.read())
    browser.get(base + "/records")
    shoot("records")
    browser.get(base + "/records/purpose/NEWS-P")
    check("NEWS-P" in browser.title, "a purpose's page: " + browser.title)
    shoot("record")
    browser.get(base + "/links/activity-basis/A-EVENTS/art6-1-a")
    check("Legal sources" in browser.page_source, "a link's own fields: its legal sources")
    shoot("link")
    browser.get(base + "/diff?from=sent")
    check("activity A-EVENTS" in browser.page_source, "the differences since the tag show the new activity")
    shoot("diff")
    # the DPO names the approved version on the history page
    browser.get(base + "/log")
    browser.find_element(By.CSS_SELECTOR, "form[action='/tags'] input[name=name]").send_keys("approved-events")
    browser.find_element(By.CSS_SELECTOR, "form[action='/tags'] input[name=message]").send_keys("the events approved")
    submit_and_wait(browser.find_element(By.CSS_SELECTOR, "form[action='/tags'] button"))
    tags = json.loads(test.run("tags", "--json").stdout)
    check([t["name"] for t in tags][-1:] == ["approved-events"] and tags[-1]["actor"] == "dora",
          "the DPO tagged the newest version from the history page: %s" % tags)
    check("approved-events" in browser.page_source, "the history lists the new tag")
    shoot("tagged")
    verified = test.run("verify-export", exported)
    check(verified.returncode == 0, "the downloaded export verifies: " + verified.stdout + verified.stderr)
    sign_out()
    browser.get(base + "/activities")
    check("Sign in" in browser.title, "after signing out the register is closed")
finally:
    if browser:
        browser.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=15)

test.finish("browser: every check passed; screenshots in " + screens)
