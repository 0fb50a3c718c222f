#pragma once
// How this process asks the C library for memory.

namespace accord {

// Caps the C library's allocation arenas at two. glibc gives each thread
// that allocates while another does an arena of its own, up to eight per
// core. The engines that read a history on several threads (one reads
// texts, one parses them, one interns their words, the caller attributes
// them) make long-lived data on one thread and free it on another, in an
// order nothing predicts; spread over four arenas, the holes between them
// cost a third more than the data itself (10,000 texts blamed at once: 1.12
// GB resident for 0.76 GB in use; 0.95 GB with two arenas). Two keep the
// threads from waiting on one lock. Call once, first thing in main.
void limit_allocation_arenas();

}  // namespace accord
