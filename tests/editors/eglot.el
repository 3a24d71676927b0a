;;; eglot.el --- Emacs (batch) + eglot + flymake, no other packages  -*- lexical-binding: t -*-
;; Start `answerlint lsp' through eglot on a draft, wait for flymake's diagnostics, apply the
;; preferred quick fix on the first passive-talk finding with `eglot-code-actions', and
;; write what happened to $ANSWERLINT_OUT as JSON.

(require 'eglot)
(require 'json)

(defvar answerlint-result (list (cons 'diagnostics nil)))

(defun answerlint-finish (code)
  (with-temp-file (getenv "ANSWERLINT_OUT")
    (insert (json-encode answerlint-result)))
  (kill-emacs code))

(defun answerlint-wait (predicate seconds)
  "Pump the event loop until PREDICATE holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun answerlint-code (diag)
  (let ((lsp-diag (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag)))))
    (plist-get lsp-diag :code)))

(defun answerlint-run ()
  (let* ((root (file-name-as-directory (getenv "ANSWERLINT_ROOT")))
         (project-find-functions (list (lambda (_dir) (cons 'transient root)))))
    (find-file (getenv "ANSWERLINT_DRAFT"))
    (text-mode)
    (eglot '(text-mode) (project-current) 'eglot-lsp-server
           (list (getenv "ANSWERLINT_PYTHON") "-m" "answerlint" "lsp") "markdown")
    (unless (answerlint-wait (lambda () (flymake-diagnostics)) 30)
      (error "no diagnostics within 30 s"))
    (let (passive)
      (dolist (diag (flymake-diagnostics))
        (let ((beg (flymake-diagnostic-beg diag)) (end (flymake-diagnostic-end diag)))
          (push `((code . ,(answerlint-code diag))
                  (line . ,(1- (line-number-at-pos beg)))
                  (col . ,(save-excursion (goto-char beg) (- beg (line-beginning-position))))
                  (end_line . ,(1- (line-number-at-pos end)))
                  (end_col . ,(save-excursion (goto-char end) (- end (line-beginning-position)))))
                (alist-get 'diagnostics answerlint-result))
          (when (and (equal (answerlint-code diag) "passive-talk")
                     (or (null passive) (< beg (flymake-diagnostic-beg passive))))
            (setq passive diag))))
      (unless passive (error "no passive-talk diagnostic"))
      ;; The menu answers with its default: the action the server marked preferred.
      (let ((before (buffer-string))
            (flagged (cl-count "passive-talk" (flymake-diagnostics)
                               :key #'answerlint-code :test #'equal))
            (completing-read-function
             (lambda (_prompt _collection &optional _pred _req _init _hist def &rest _)
               (if (consp def) (car def) def)))
            (last-nonmenu-event 13))
        (eglot-code-actions (flymake-diagnostic-beg passive) (flymake-diagnostic-end passive)
                            "quickfix" t)
        (unless (answerlint-wait (lambda () (not (equal (buffer-string) before))) 10)
          (error "the quick fix did not change the buffer"))
        (push (cons 'text (buffer-substring-no-properties (point-min) (point-max)))
              answerlint-result)
        ;; Interactively, idle timers send the change to the server and restart flymake;
        ;; batch Emacs is never idle, so do both by hand while waiting.
        (push (cons 'rewritten_gone
                    (if (answerlint-wait
                         (lambda ()
                           (eglot--signal-textDocument/didChange)
                           (flymake-start)
                           ;; fewer: the rewritten one is gone
                           (< (cl-count "passive-talk" (flymake-diagnostics)
                                        :key #'answerlint-code :test #'equal)
                              flagged))
                         10)
                        t :json-false))
              answerlint-result)))
    (set-buffer-modified-p nil)
    (ignore-errors (eglot-shutdown (eglot-current-server)))))

(condition-case err
    (progn (answerlint-run) (answerlint-finish 0))
  (error (push (cons 'error (error-message-string err)) answerlint-result)
         (answerlint-finish 1)))
