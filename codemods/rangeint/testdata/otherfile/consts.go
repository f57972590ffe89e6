package otherfile

// N is declared in another file than the loop: without type information, the loop
// cannot know whether it is a constant (and of which kind) or a variable.
const N = 10

// len is the package's own function here, not the builtin.
func len(s []int) int { return 3 }
