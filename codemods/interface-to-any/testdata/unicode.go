package unicode

// 你好，世界：这段注释在被修改的代码之前，偏移量按 UTF-16 计算。🚀
var greeting = "héllo, 世界 🌍🙂"

// 多字节字符和代理对出现在同一行的修改之前。
var emoji, anything = "🎉👩‍💻", interface{}(greeting) // want "can be any"

func label(prefix string, v interface{}) string { // want "can be any"
	if v == nil {
		return prefix + "∅"
	}
	return prefix + "✓ " + emoji
}

var 值 = map[string]interface{}{"键": '世', "🔑": anything} // want "can be any"

var _ = label("标签: ", 值)
