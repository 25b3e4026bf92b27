-- blameless for nvim-lspconfig's `require('lspconfig').<name>.setup{}` framework
-- (Neovim 0.10, or setups that still use it). On Neovim 0.11+ prefer lsp/blameless.lua:
--   vim.opt.runtimepath:append('/path/to/blameless/editors/nvim')
--   vim.lsp.enable('blameless')
--
-- Use: copy this into your config, or `dofile('/path/to/blameless/editors/nvim/lspconfig.lua')`
-- (it returns a function that takes the usual `setup{}` options).

local lspconfig = require('lspconfig')
local configs = require('lspconfig.configs')

if not configs.blameless then
  configs.blameless = {
    default_config = {
      cmd = { 'blameless-lsp' },
      filetypes = { 'markdown', 'text' },
      root_dir = lspconfig.util.root_pattern('.blameless.toml', 'pyproject.toml', '.git'),
      single_file_support = true,
      settings = {
        blameless = {
          enable = true,
          select = {},
          ignore = {},
          severity = vim.empty_dict(), -- an object; a plain {} would be sent as []
        },
      },
    },
    -- The server also reads initializationOptions.settings: keep it equal to settings.blameless.
    on_new_config = function(new_config)
      new_config.init_options = { settings = (new_config.settings or {}).blameless }
    end,
    docs = {
      description = [[
https://github.com/blameless/blameless

Reviews incident postmortems for blame-focused language, vague action items, editorialized
timelines and structure gaps. `pip install blameless` provides `blameless-lsp`.
]],
    },
  }
end

return function(opts)
  lspconfig.blameless.setup(opts or {})
end
