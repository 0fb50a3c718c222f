#pragma once
// How this process asks the C library for memory.

namespace accord {

// Caps the C library's allocation arenas at two, for a computation that
// holds much at once on several threads. glibc gives each thread that
// allocates while another does an arena of its own, up to eight per core.
// The engines that read a history of many texts on several threads (one
// reads texts, one parses them, one interns their words, the caller
// attributes them) make long-lived data on one thread and free it on
// another, in an order nothing predicts, and each arena keeps its own
// holes (10,000 texts blamed at once: 913 MB resident against 932 MB with
// glibc's limit). Not for one text's history, which holds little: there
// the threads wait on the shared arenas' locks for a fifth of the time
// (a blame of 2,000 proposals: 0.42 s with two arenas, 0.33 s without).
// Call before the computation's threads start: glibc fixes the limit when
// it first needs one, and a thread keeps the arena it first allocated in.
void limit_allocation_arenas();

// Hands memory freed in the middle of the C library's heaps back to the
// system (glibc keeps it for later allocations otherwise, and only the
// top of a heap is given back by itself). For a long computation that has
// just let go of much and goes on allocating differently shaped data.
void release_free_memory();

}  // namespace accord
