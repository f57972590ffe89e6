package bytesview

import (
	"encoding/binary"
	"testing"
	"unsafe"
)

func TestViews(t *testing.T) {
	for _, tc := range []struct {
		name    string
		toBytes func([]uint32) []byte
		toU32   func([]byte) []uint32
	}{
		{"unsafe.Slice", Bytes, Uint32s},
		{"reflect.SliceHeader", BytesOld, Uint32sOld},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := []uint32{1, 0x01020304, 0xffffffff}
			b := tc.toBytes(u)
			if len(b) != 12 {
				t.Fatalf("len = %d; want 12", len(b))
			}
			if got := binary.NativeEndian.Uint32(b[4:8]); got != 0x01020304 {
				t.Errorf("bytes 4..8 = %#x; want 0x01020304", got)
			}
			binary.NativeEndian.PutUint32(b[0:4], 7) // write through the byte view
			if u[0] != 7 {
				t.Errorf("u[0] = %d after write through view; want 7", u[0])
			}
			back := tc.toU32(b)
			if len(back) != 3 || &back[0] != &u[0] {
				t.Errorf("round trip: len %d, shares memory %v", len(back), &back[0] == &u[0])
			}
			if tc.toBytes(nil) != nil || tc.toU32(nil) != nil {
				t.Error("empty input did not give nil")
			}
		})
	}
}

func TestBadLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a 3-byte view")
		}
	}()
	Uint32s(Bytes([]uint32{1})[:3])
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		toString func([]byte) string
	}{
		{"unsafe.String", String},
		{"reflect.StringHeader", StringOld},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := []byte("hello, view")
			s := tc.toString(b)
			if s != "hello, view" {
				t.Fatalf("got %q", s)
			}
			if unsafe.StringData(s) != &b[0] {
				t.Error("the string does not share the bytes")
			}
			if tc.toString(nil) != "" {
				t.Error("empty input did not give an empty string")
			}
		})
	}
}

func TestShares(t *testing.T) {
	u := []uint32{1, 2}
	if !SharesOld(u, Bytes(u)) {
		t.Error("Bytes(u) does not start at u")
	}
	if SharesOld(u, make([]byte, 8)) {
		t.Error("a new slice starts at u")
	}
}
