#!/usr/bin/env python3
"""`ropa serve` in a real browser: headless Chromium driven by Selenium (Debian's chromium,
chromium-driver and python3-selenium), as a DPO reads the register: the dashboard, the
activities filtered, one activity, a past version chosen in the form, the exports. Screenshots
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

from serve_support import ServeTest

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
finally:
    if browser:
        browser.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=15)

test.finish("browser: every check passed; screenshots in " + screens)
