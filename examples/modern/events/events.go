// Package events is a tiny synchronous publish/subscribe bus.
package events

import (
	"fmt"
	"sort"
)

// Event is one published message.
type Event struct {
	Topic string
	Data  interface{}
}

// Bus delivers events to subscribers in subscription order.
type Bus struct {
	subs map[string][]func(interface{})
	log  []Event
}

// New returns an empty bus.
func New() *Bus { return &Bus{subs: make(map[string][]func(interface{}))} }

// Subscribe calls fn for every event on topic.
func (b *Bus) Subscribe(topic string, fn func(data interface{})) {
	b.subs[topic] = append(b.subs[topic], fn)
}

// Publish delivers data to the subscribers of topic and records it.
func (b *Bus) Publish(topic string, data interface{}) int {
	b.log = append(b.log, Event{Topic: topic, Data: data})
	subs := b.subs[topic]
	for i := 0; i < len(subs); i++ {
		subs[i](data)
	}
	return len(subs)
}

// Drain sends the recorded events on a buffered channel and forgets them.
func (b *Bus) Drain() <-chan interface{} {
	ch := make(chan interface{}, len(b.log))
	for _, e := range b.log {
		ch <- e
	}
	close(ch)
	b.log = nil
	return ch
}

// Topics lists the topics with at least one subscriber.
func (b *Bus) Topics() []string {
	topics := make([]string, 0, len(b.subs))
	for t := range b.subs {
		topics = append(topics, t)
	}
	sort.Slice(topics, func(i, j int) bool { return topics[i] < topics[j] })
	return topics
}

// Describe renders an event for logs.
func Describe(e interface{}) string {
	if ev, ok := e.(Event); ok {
		return fmt.Sprintf("%s: %v", ev.Topic, interface{}(ev.Data))
	}
	return fmt.Sprint(e)
}
