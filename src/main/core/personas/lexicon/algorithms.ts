// Algorithms and data structures as a subject: interview and class problems, complexity, classic
// structures. Programming in general, outside any product field; it counts for "none of these"
// unless a persona claims it.
import { termList, type LexiconDomain } from './types.ts'

export const algorithms: LexiconDomain = {
  id: 'algorithms',
  strong: termList(`
    algorithm, algorithms, data structure, data structures, time complexity, space complexity,
    big-o, big o, o(n), o(1), o(log n), o(n log n), o(n^2), asymptotic, amortized, amortised,
    linked list, doubly linked list, binary tree, binary search tree, bst, avl tree,
    red-black tree, b-tree, trie, heap sort, min-heap, max-heap, hash table, union-find,
    disjoint set, segment tree, fenwick tree, bfs, dfs, breadth-first search, depth-first search,
    dijkstra, bellman-ford, floyd-warshall, topological sort, minimum spanning tree, kruskal,
    prim's, shortest path, dynamic programming, tabulation, backtracking, greedy algorithm,
    divide and conquer, binary search, two pointers, two-pointer, sliding window, quicksort,
    mergesort, merge sort, quick sort, insertion sort, bubble sort, timsort, introsort,
    sorting algorithm, knapsack, traveling salesman, travelling salesman, np-complete, np-hard,
    halting problem, turing machine, leetcode, hackerrank, codeforces, competitive programming,
    interview question, coding interview, tail recursion, tail call, fibonacci, sudoku solver,
    n-queens, edit distance, longest common subsequence, palindrome, anagram, graph traversal,
  `),
  medium: termList(`
    complexity, recursive, iterative, sort algorithm, tree traversal, inorder, preorder, postorder,
    adjacency list, adjacency matrix, cycle detection, connected components, brute force solution,
    recursion, recursive function, memoization, lru cache, hash map, priority queue, vertices,
    deque,
  `),
  weak: termList(`
    puzzle, sorting, graph, heuristic,
  `),
}
