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
    rebase conflict, squash commits, fast-forward, force push, force-push, --force-with-lease,
    --amend, rewrite history, filter-branch, filter-repo, bfg, mercurial, svn, subversion,
    perforce, github desktop, gitkraken, sourcetree, signed commits, gpg signing, merge conflict,
    commit message, feature branch, upstream branch,
  `),
  medium: termList(`
    rebase, stash, staging area, staged, unstaged, untracked, amend,
    squash, main branch, master branch,
  `),
  weak: termList(`
    commit, commits, branch, branches, merge, revert, repo, pull request,
  `),
}
