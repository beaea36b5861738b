// Algorithms and data structures as a subject: interview and class problems, complexity, classic
// structures. Programming in general, outside any product field; it counts for "none of these"
// unless a persona claims it.
import { termList, type LexiconDomain } from './types.ts'

export const algorithms: LexiconDomain = {
  id: 'algorithms',
  strong: termList(`
    algorithm, algorithms, data structure, data structures, time complexity, space complexity,
    big-o, big o, o(n), o(1), o(log n), o(n log n), o(n^2), asymptotic, amortized, amortised,
    linked list, doubly linked list, binary tree, binary search tree, bst, avl tree, red-black tree,
    b-tree, trie, heap sort, min-heap, max-heap, priority queue, hash table, hash map, hashmap,
    union-find, disjoint set, segment tree, fenwick tree, graph traversal, bfs, dfs,
    breadth-first search, depth-first search, dijkstra, bellman-ford, floyd-warshall,
    topological sort, minimum spanning tree, kruskal, prim's, shortest path, dynamic programming,
    memoization, memoisation, tabulation, backtracking, greedy algorithm, divide and conquer,
    binary search, two pointers, two-pointer, sliding window, quicksort, mergesort, merge sort,
    quick sort, insertion sort, bubble sort, timsort, introsort, sorting algorithm, knapsack,
    traveling salesman, travelling salesman, np-complete, np-hard, halting problem, turing machine,
    leetcode, hackerrank, codeforces, competitive programming, interview question, coding interview,
    recursion, recursive function, tail recursion, tail call, fibonacci, sudoku solver, n-queens,
    edit distance, longest common subsequence, palindrome, anagram, lru cache,
  `),
  medium: termList(`
    complexity, recursive, iterative, sorting, sort algorithm, tree traversal, inorder, preorder,
    postorder, graph, vertices, edges, adjacency list, adjacency matrix, stack and queue, deque,
    cycle detection, connected components, heuristic, heuristics, brute force solution,
  `),
  weak: termList(`
    array, arrays, tree, trees, node, queue, stack, puzzle, efficient,
  `),
}
