#pragma once
// How this process asks the C library for memory.

namespace accord {

// Caps the C library's allocation arenas at two. glibc gives each thread
// that allocates while another does an arena of its own, up to eight per
// core. The engines that read a history on several threads (one reads
// texts, one parses them, one interns their words, the caller attributes
// them) make long-lived data on one thread and free it on another, in an
// order nothing predicts, and each arena keeps its own holes. The gain is
// small but steady (10,000 texts blamed at once: 913 MB resident against
// 932 MB with glibc's limit, three runs each, no slower); two arenas keep
// the threads from waiting on one lock. Call once, first thing in main.
void limit_allocation_arenas();

// Hands memory freed in the middle of the C library's heaps back to the
// system (glibc keeps it for later allocations otherwise, and only the
// top of a heap is given back by itself). For a long computation that has
// just let go of much and goes on allocating differently shaped data.
void release_free_memory();

}  // namespace accord
