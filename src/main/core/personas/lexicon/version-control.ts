// Version control on one's own machine: git commands, branches, history, conflicts. CI pipelines
// that run on a push are devops; this is the day-to-day git a persona list rarely names.
import { termList, type LexiconDomain } from './types.ts'

export const versionControl: LexiconDomain = {
  id: 'version-control',
  strong: termList(`
    git, git commit, git push, git pull, git fetch, git merge, git rebase, interactive rebase,
    git rebase -i, git reset, git revert, git stash, git stash pop, git checkout, git switch,
    git restore, git cherry-pick, cherry-pick, git bisect, git log, git diff, git blame,
    git reflog, reflog, git submodule, submodule, submodules, git subtree, git worktree, git lfs,
    git tag, git clone, git config, .gitignore, .gitattributes, .gitmodules, detached head,
    merge conflict, merge conflicts, rebase conflict, squash commits, squash, fast-forward,
    force push, force-push, --force-with-lease, upstream branch, remote branch, feature branch,
    commit history, commit message, commit messages, amend, --amend, rewrite history,
    filter-branch, filter-repo, bfg, mercurial, svn, subversion, perforce, github desktop,
    gitkraken, sourcetree, signed commits, gpg signing,
  `),
  medium: termList(`
    commit, commits, committed, branch, branches, rebase, merge, merged, stash, checkout, HEAD,
    pull request, pr, diff, patch, tag, tags, remote, origin, main branch, master branch,
    staging area, staged, unstaged, untracked, history, revert,
  `),
  weak: termList(`
    repo, repository, push, pull, clone, fork, undo, conflict,
  `),
}
