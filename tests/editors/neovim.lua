-- Headless Neovim (0.7+) with no plugins: start `answerlint lsp`, open a draft, wait for
-- diagnostics, apply the preferred quick fix on the first passive-talk finding through
-- vim.lsp.buf.code_action, and write what happened to $ANSWERLINT_OUT as JSON.
local out_path = vim.env.ANSWERLINT_OUT
local result = { diagnostics = {}, actions = {}, error = nil }

local function finish(code)
  local file = io.open(out_path, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd(code == 0 and 'qa!' or 'cquit! ' .. code)
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.ANSWERLINT_DRAFT))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'answerlint',
    cmd = { vim.env.ANSWERLINT_PYTHON, '-m', 'answerlint', 'lsp' },
    root_dir = vim.env.ANSWERLINT_ROOT,
    -- Neovim 0.7 neither advertises workspace/configuration nor sends settings by itself:
    -- initializationOptions carry them.
    init_options = { answerlint = { severity = { drama = 'hint' } } },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  assert(ok, 'no diagnostics within 30 s')
  local passive
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(result.diagnostics, {
      code = code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      source = d.source, severity = d.severity,
    })
    if code == 'passive-talk' and not passive then passive = d end
  end
  if not passive then  -- a draft with nothing to rewrite: the diagnostics are the test
    vim.lsp.stop_client(client_id)
    return
  end

  -- Put the cursor on the finding and ask for code actions the way a user does;
  -- the selection menu picks the action marked preferred.
  vim.api.nvim_win_set_cursor(0, { passive.lnum + 1, passive.col })
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local action = item.action or item[2] or item
      table.insert(result.actions, { title = action.title, preferred = action.isPreferred })
    end
    for i, item in ipairs(items) do
      local action = item.action or item[2] or item
      if action.isPreferred then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  local changed = vim.wait(10000, function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before
  end, 50)
  assert(changed, 'the quick fix did not change the buffer')
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')

  -- After the edit, the server re-lints: the rewritten phrase is no longer flagged.
  local function count()
    local n = 0
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'passive-talk' then n = n + 1 end
    end
    return n
  end
  local flagged = #vim.tbl_filter(function(d) return d.code == 'passive-talk' end,
    result.diagnostics)
  -- fewer: the rewritten one is gone
  local gone = vim.wait(10000, function() return count() < flagged end, 50)
  result.rewritten_gone = gone
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
  finish(1)
else
  finish(0)
end
