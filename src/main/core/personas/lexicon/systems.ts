// Systems and embedded programming: C, C++, Rust, memory errors, toolchains, kernels and firmware.
import { termList, type LexiconDomain } from './types.ts'

export const systems: LexiconDomain = {
  id: 'systems',
  strong: termList(`
    c++, cpp, .cpp, .cc, .hpp, .h, .c, rust, .rs, cargo, rustc, borrow checker, lifetimes,
    unsafe rust, segfault, segmentation fault, core dump, core dumped, sigsegv, sigabrt,
    null pointer dereference, dangling pointer, use-after-free, double free, memory leak, valgrind,
    asan, addresssanitizer, gdb, lldb, undefined behavior, undefined behaviour, buffer overflow,
    stack overflow, heap corruption, malloc, calloc, realloc, embedded, firmware, microcontroller,
    mcu, arduino, esp32, stm32, raspberry pi, rtos, freertos, zephyr, interrupt handler, isr, gpio,
    i2c, uart, dma, bare-metal, kernel module, linux kernel, device driver, syscall, syscalls,
    system call, mmap, epoll, io_uring, simd, avx, assembly, inline assembly, llvm, gcc, clang,
    cmake, cmakelists.txt, linker error, undefined reference, zig, lock-free, atomics,
    memory ordering, cache line, false sharing, perf record, flamegraph, profiler, rtti,
    std::vector, std::thread, unique_ptr, shared_ptr, raii, move semantics, header file,
    compiler error, cross-compile, cross compilation,
  `),
  medium: termList(`
    pointer, pointers, memory, heap, stack, thread, threads, multithreading, multi-threaded,
    concurrency, race condition, data race, deadlock, mutex, semaphore, atomic, kernel, driver,
    compile, compiler, compiling, linker, binary, binaries, performance, latency, cpu, cycles,
    allocation, allocator, out of memory, low-level, embedded linux, hardware, sensor, register,
    registers, bit manipulation, bitmask, endianness, wasm, webassembly,
  `),
  weak: termList(`
    crash, crashes, fast, slow, optimize, optimization, process, signal, signals, bytes, buffer,
  `),
}
