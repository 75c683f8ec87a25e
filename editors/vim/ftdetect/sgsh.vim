" sgsh scripts: *.sgsh, or a first line '#!/usr/bin/env sgsh'.
autocmd BufRead,BufNewFile *.sgsh setfiletype sgsh
autocmd BufRead,BufNewFile * if getline(1) =~# '^#!.*\<sgsh\>' | setfiletype sgsh | endif
