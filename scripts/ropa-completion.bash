# bash completion for ropa: commands, entity actions, link kinds and export formats.
_ropa() {
    local cur prev words cword
    _init_completion 2>/dev/null || { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; }
    local entities="controller party processor basis tool source group purpose category subject recipient transfer measure-type measure retention activity"
    local commands="init migrate info settings seed matrix check acknowledge acknowledgements link unlink log diff tag tags verify revert key verify-export export import serve user $entities"
    local links="purpose-category purpose-basis purpose-source activity-purpose activity-basis activity-category activity-subject activity-recipient activity-transfer activity-measure activity-joint-controller activity-processor"
    case "$prev" in
        --db|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "json csv csv-matrix xlsx html md" -- "$cur")); return ;;
        --lang) COMPREPLY=($(compgen -W "nl fr en" -- "$cur")); return ;;
        link|unlink) COMPREPLY=($(compgen -W "$links" -- "$cur")); return ;;
        seed) COMPREPLY=($(compgen -W "list" -- "$cur")); return ;;
        key) COMPREPLY=($(compgen -W "new show" -- "$cur")); return ;;
        user) COMPREPLY=($(compgen -W "add list rm passwd role token" -- "$cur")); return ;;
        --role) COMPREPLY=($(compgen -W "viewer auditor editor dpo" -- "$cur")); return ;;
        --template) COMPREPLY=($(compgen -W "ico cnil" -- "$cur")); return ;;
        --require) COMPREPLY=($(compgen -W "none description department owner start_date data_source provision_requirement automated_decision profiling systems data_location data_subject_rights dpia_required next_review_date" -- "$cur")); return ;;
        --sign|--public-key|--signature|--head|--tls-certificate|--tls-key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    local word
    for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        if [[ " $entities " == *" $word "* ]]; then
            [[ "$prev" == "$word" ]] && COMPREPLY=($(compgen -W "add list show edit rm" -- "$cur"))
            return
        fi
    done
    COMPREPLY=($(compgen -W "$commands --db --read-only --at --actor --version --help" -- "$cur"))
}
complete -F _ropa ropa
