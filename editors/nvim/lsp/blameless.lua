---@brief
---
--- https://github.com/blameless/blameless
---
--- blameless reviews incident postmortems: blame-focused phrasing, vague action items,
--- editorialized timelines and missing sections, as diagnostics with quick fixes
--- ("apply the rewrite", "Disable B101 for this line", `source.fixAll.blameless`) and the
--- rule's rationale on hover.
---
--- Install the server (Python 3.11+), which provides the `blameless-lsp` executable:
--- ```sh
--- pip install blameless   # or: pipx install blameless
--- ```
---
--- Enable it (Neovim 0.11+, with this directory on 'runtimepath'):
--- ```lua
--- vim.lsp.enable('blameless')
--- ```
---
--- Settings (all optional) go in the `blameless` section:
--- ```lua
--- vim.lsp.config('blameless', {
---   settings = {
---     blameless = {
---       enable = true,                     -- false: report nothing
---       select = { 'B1', 'action-item' },  -- rule ids, prefixes or categories; {} = defaults
---       ignore = { 'timeline' },
---       severity = { B101 = 'error', structure = 'hint' },  -- error|warning|info|hint|off
---     },
---   },
--- })
--- ```
---
--- To use a blameless installed in a virtualenv, override `cmd`, e.g.
--- `cmd = { '/path/to/venv/bin/python', '-m', 'blameless_lsp' }`.

---@type vim.lsp.Config
return {
  cmd = { 'blameless-lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.blameless.toml', 'pyproject.toml', '.git' },
  settings = {
    blameless = {
      enable = true,
      select = {},
      ignore = {},
      -- an empty object, not an empty list: a plain {} would be sent as []
      severity = vim.empty_dict(),
    },
  },
  -- The server also reads `initializationOptions.settings`; send the (possibly user-overridden)
  -- `settings.blameless` there too unless init_options were given explicitly.
  before_init = function(params, config)
    if params.initializationOptions == nil then
      local settings = (config.settings or {}).blameless
      if settings ~= nil then
        params.initializationOptions = { settings = settings }
      end
    end
  end,
}
