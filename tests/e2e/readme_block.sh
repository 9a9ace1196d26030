# Sourced by the tests of the README's recipes.
# readme_block README HEADING: prints the first fenced block after the line
# "### HEADING" (without its fences), so the tests run what readers copy.
readme_block() {
	awk -v h="### $2" '
		$0 == h { found = 1; next }
		found && !inside && /^```/ { inside = 1; next }
		inside && /^```/ { exit }
		inside { print }
	' "$1"
}
