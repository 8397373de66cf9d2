#!/usr/bin/env python3
"""Adds UI strings to both resource files: lines of `key<TAB>中文<TAB>English` on stdin; existing keys are replaced."""
import sys, re, html
base = 'src/XinchuangFlow.Web/Resources/SharedResource'
entries = [l.rstrip('\n').split('\t') for l in sys.stdin if l.strip() and not l.startswith('#')]
for suffix, col in (('.resx', 1), ('.en.resx', 2)):
    path = base + suffix
    text = open(path, encoding='utf-8').read()
    for e in entries:
        key, value = e[0], html.escape(e[col], quote=False)
        line = f'  <data name="{key}" xml:space="preserve"><value>{value}</value></data>\n'
        pattern = re.compile(r'  <data name="' + re.escape(key) + r'" xml:space="preserve">.*?</data>\n', re.S)
        text = pattern.sub(lambda m: line, text) if pattern.search(text) else text.replace('</root>', line + '</root>')
    open(path, 'w', encoding='utf-8').write(text)
print(f'{len(entries)} strings')
