" Vim syntax file for sgsh, the security-group rule shell.
" The same token classes as editors/textmate/sgsh.tmLanguage.json; see
" docs/LANGUAGE.md §3 for the tokens. Install: copy editors/vim/* into
" ~/.vim (or add editors/vim to 'runtimepath').
if exists('b:current_syntax') | finish | endif

" The hyphen rule: 'echo-request' and 'three-tier' are one word.
syntax iskeyword @,48-57,_,192-255,-

syntax keyword sgshConditional if elif else
syntax keyword sgshRepeat for in
syntax keyword sgshStatement let dryrun print use sg return
syntax keyword sgshStatement def nextgroup=sgshFunctionName skipwhite
syntax keyword sgshOperatorWord and or not
syntax keyword sgshConstant true false nil
" Contextual words of the sg statement (still valid names elsewhere).
syntax keyword sgshSgWord ingress egress exactly allow revoke from to group tag untag show delete replace with create lookup vpc on off policy deny require exempt except until owner
syntax keyword sgshProtocol tcp udp icmp icmpv6 all

syntax match sgshFunctionName /\h\w*/ contained
syntax match sgshBuiltin /\<\(len\|range\|env\|str\|type\|now\|aggregate\|subtract\|overlaps\|contains\)\ze(/
syntax match sgshNumber /\<\d\+\(-\d\+\)\=\>/
syntax match sgshAddress /\<\d\{1,3}\(\.\d\{1,3}\)\{3}\(\/\d\{1,2}\)\=\>/
syntax match sgshAddress /\(\x\{1,4}\(:\x\{1,4}\)*\)\=::\(\x\{1,4}\(:\x\{1,4}\)*\)\=\(\/\d\{1,3}\)\=/
syntax match sgshAddress /\<\x\{1,4}\(:\x\{1,4}\)\{7}\(\/\d\{1,3}\)\=/
syntax match sgshResourceId /\<\(\d\{12}\/\)\=\(sg\|pl\|vpc\)-[A-Za-z0-9]\+\>/
syntax match sgshVariable /\$\h\w*\(-\a\w*\)*/
syntax match sgshOperator /==\|!=\|<=\|>=\|[<>=+]/

syntax match sgshEscape /\\[ntr\\"'$]/ contained
syntax region sgshInterpolation matchgroup=sgshInterpolationDelimiter start=/\${/ end=/}/ end=/$/ contained oneline
      \ contains=TOP
syntax region sgshString start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/ oneline contains=sgshEscape,sgshInterpolation
syntax region sgshRawString start=/'/ end=/'/ end=/$/ oneline
syntax keyword sgshTodo TODO FIXME XXX contained
syntax match sgshComment /#.*$/ contains=sgshTodo

highlight default link sgshConditional Conditional
highlight default link sgshRepeat Repeat
highlight default link sgshStatement Statement
highlight default link sgshOperatorWord Operator
highlight default link sgshConstant Constant
highlight default link sgshSgWord Keyword
highlight default link sgshProtocol Type
highlight default link sgshFunctionName Function
highlight default link sgshBuiltin Function
highlight default link sgshNumber Number
highlight default link sgshAddress Number
highlight default link sgshResourceId Constant
highlight default link sgshVariable Identifier
highlight default link sgshOperator Operator
highlight default link sgshEscape SpecialChar
highlight default link sgshInterpolationDelimiter Delimiter
highlight default link sgshString String
highlight default link sgshRawString String
highlight default link sgshTodo Todo
highlight default link sgshComment Comment

let b:current_syntax = 'sgsh'
