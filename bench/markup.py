"""What the load tools read from the pages they are sent: one place for both
(bench.driver and bench.locustfile)."""

import re

# A session screen's position, then its first answer: the hidden field of a
# one-answer form, or the first button of a form with several.
ANSWER = re.compile(
    r'name="position" value="(\d+)">\s*<(?:input type="hidden"|button type="submit") '
    r'name="action" value="(\w+)"'
)
