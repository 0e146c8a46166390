# expect: nothing
# why: ast.literal_eval only parses literals
# tricky
import ast

with open("bump_settings.txt") as f:
    bump = ast.literal_eval(f.read())
print(bump.get("amplitude", 0.0))
