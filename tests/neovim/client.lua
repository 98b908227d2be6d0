-- A real editor as the client: Neovim's built-in LSP client (0.7 API: start_client and
-- buf_attach_client) starts `anglint lsp`, opens the markdown file, waits for the diagnostics
-- and writes them, a hover and the code action titles to a file that tests/neovim.rs checks.
-- Environment: ANGLINT_BIN (the binary), ANGLINT_FILE (the document), ANGLINT_OUT (the report).
local bin = os.getenv('ANGLINT_BIN')
local file = os.getenv('ANGLINT_FILE')
local out = os.getenv('ANGLINT_OUT')
local lines = {}
local function finish(status)
  table.insert(lines, 'status ' .. status)
  vim.fn.writefile(lines, out)
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'anglint',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
if not client_id then
  finish('no-client')
  return
end
vim.lsp.buf_attach_client(buf, client_id)

if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
  finish('no-diagnostics')
  return
end
-- Byte columns, as Neovim stores them after converting from the negotiated encoding.
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format('diagnostic %d:%d-%d:%d %s %s %s',
    d.lnum, d.col, d.end_lnum, d.end_col, d.source or '', d.code or '', d.message))
end

local first = vim.diagnostic.get(buf)[1]
local client = vim.lsp.get_client_by_id(client_id)
local encoding = client.offset_encoding or 'utf-16'
local line = vim.api.nvim_buf_get_lines(buf, first.lnum, first.lnum + 1, false)[1]
-- str_utfindex gives the UTF-32 and the UTF-16 index of a byte index.
local _, character = vim.str_utfindex(line, first.col)
if encoding == 'utf-8' then character = first.col end
local position = { line = first.lnum, character = character }
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = position,
}, 10000)
for _, response in pairs(hover or {}) do
  if response.result then
    for _, text in ipairs(vim.split(response.result.contents.value, '\n')) do
      table.insert(lines, 'hover ' .. text)
    end
  end
end
local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = position, ['end'] = position },
  context = { diagnostics = {} },
}, 10000)
for _, response in pairs(actions or {}) do
  for _, action in ipairs(response.result or {}) do
    table.insert(lines, 'action ' .. action.title)
  end
end
vim.lsp.stop_client(client_id)
finish('ok')
